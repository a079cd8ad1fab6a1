"""The search index kept in the database.

``SearchDocument`` holds one row per searchable thing and per *generation* of the index: a
rebuild writes a new generation beside the live one and switches to it in one step
(``SearchIndexState.generation``). ``SearchBitmap`` holds, per generation, the bitmaps that
processes keep in memory: the documents with each facet value, with each word stem in the
title, summary or body, and the documents' dates. Full text for ranking lives next to the
documents: a weighted ``tsvector`` column on PostgreSQL, an FTS5 table on SQLite (migrations
0002 and 0005). docs/adr/0001-search-bitmaps.md explains the design.
"""

import secrets

from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchDocument(models.Model):
    """One searchable item of one generation: a practice, a tool, an offer, a community..."""

    generation = models.BigIntegerField(
        _("generation"), default=0, help_text=_("The index generation this row belongs to.")
    )
    key = models.CharField(
        _("key"),
        max_length=120,
        help_text=_('Model and primary key of the indexed object, e.g. "core.standardpage:42".'),
    )
    doc_type = models.CharField(
        _("type"), max_length=40, db_index=True, help_text=_("The content type facet value.")
    )
    title = models.CharField(_("title"), max_length=300, help_text=_("Shown as the hit title."))
    summary = models.TextField(
        _("summary"), blank=True, help_text=_("Short description; weighs more than the body.")
    )
    body = models.TextField(_("body"), blank=True, help_text=_("Plain text that is searched."))
    url = models.CharField(_("URL"), max_length=500, help_text=_("Where the hit links to."))
    date = models.DateTimeField(
        _("date"), null=True, blank=True, help_text=_("Sort date of the hit.")
    )
    event_end = models.DateTimeField(
        _("event end"),
        null=True,
        blank=True,
        help_text=_("For things on the calendar: when it ends (upcoming or past)."),
    )
    free_seats = models.IntegerField(
        _("free seats"),
        null=True,
        blank=True,
        help_text=_("Seats still free, for things people register to; empty otherwise."),
    )
    language = models.CharField(_("language"), max_length=8, default="it")
    details = models.JSONField(
        _("details"), default=dict, blank=True, help_text=_("Extra fields for the result card.")
    )
    facets = models.JSONField(
        _("facets"),
        default=dict,
        blank=True,
        help_text=_("Facet name -> [[value, label], ...], as the builder gave them."),
    )
    synonyms = models.TextField(
        _("synonyms"),
        blank=True,
        help_text=_("Other names of phrases in the text (e.g. ETS), searched with it."),
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("search document")
        verbose_name_plural = _("search documents")
        constraints = [
            models.UniqueConstraint(fields=["generation", "key"], name="search_document_unique_key")
        ]

    def __str__(self) -> str:
        return f"{self.key}: {self.title}"


class SearchBitmap(models.Model):
    """One bitmap of one generation: bit ``i`` is the document with id ``base + i``.

    ``kind`` says what it is: ``facet`` (``name`` = "facet\\x1fvalue", with its ``label``),
    ``title`` / ``summary`` / ``body`` (``name`` = a word stem), ``dates`` / ``ends`` (``name`` =
    a chunk number; ``data`` holds the documents' dates rather than bits). ``version`` is the
    index version that last wrote the row, so a process reads only rows newer than its own.
    """

    generation = models.BigIntegerField(_("generation"))
    kind = models.CharField(_("kind"), max_length=8)
    name = models.CharField(_("name"), max_length=200)
    label = models.CharField(_("label"), max_length=200, blank=True)
    data = models.BinaryField(_("data"), blank=True)
    version = models.BigIntegerField(_("version"), default=0)

    class Meta:
        verbose_name = _("search bitmap")
        verbose_name_plural = _("search bitmaps")
        constraints = [
            models.UniqueConstraint(
                fields=["generation", "kind", "name"], name="search_bitmap_unique_name"
            )
        ]
        indexes = [models.Index(fields=["generation", "version"], name="search_bitmap_version")]

    def __str__(self) -> str:
        return f"{self.kind}:{self.name}"


class SearchWord(models.Model):
    """A folded word seen in the index and its stem: what a prefix typed so far expands to."""

    word = models.CharField(_("word"), max_length=40, primary_key=True)
    stem = models.CharField(_("stem"), max_length=40)

    class Meta:
        verbose_name = _("search word")
        verbose_name_plural = _("search words")

    def __str__(self) -> str:
        return self.word


class SearchIndexState(models.Model):
    """A single row: which generation is live, and the version of the last write.

    Every write to the index first updates this row, so writers queue on its row lock and
    versions are committed in order. ``generation`` is random (a test that rolls back its
    transaction cannot make a process mistake a new generation for one it knew). While a
    rebuild runs, ``building`` names its generation and writers log the keys they touch
    (``SearchIndexChange``) so the rebuild replays them before it switches.
    """

    version = models.BigIntegerField(_("version"), default=0, help_text=_("Bumped by writes."))
    generation = models.BigIntegerField(
        _("generation"), default=0, help_text=_("The live generation of the index.")
    )
    base = models.BigIntegerField(
        _("base"), default=0, help_text=_("Document id of bit 0 in the live generation's bitmaps.")
    )
    building = models.BigIntegerField(
        _("building"), null=True, blank=True, help_text=_("Generation being rebuilt, if any.")
    )
    building_base = models.BigIntegerField(_("building base"), default=0)

    class Meta:
        verbose_name = _("search index state")
        verbose_name_plural = _("search index states")

    def __str__(self) -> str:
        return f"search index v{self.version}"

    @classmethod
    def lock(cls) -> "SearchIndexState":
        """Start a write: count it and take the row lock (held until commit)."""
        if not cls.objects.filter(pk=1).update(version=models.F("version") + 1):
            from search.models import SearchDocument

            base = (SearchDocument.objects.aggregate(m=models.Max("id"))["m"] or 0) + 1
            _state, created = cls.objects.get_or_create(
                pk=1, defaults={"version": 1, "generation": random_generation(), "base": base}
            )
            if not created:  # another writer created it first
                cls.objects.filter(pk=1).update(version=models.F("version") + 1)
        return cls.objects.get(pk=1)


def random_generation() -> int:
    return secrets.randbits(62) + 1


class SearchIndexChange(models.Model):
    """A key written or deleted while a rebuild runs: the rebuild copies it before switching."""

    id = models.BigAutoField(primary_key=True)
    key = models.CharField(_("key"), max_length=120)

    class Meta:
        verbose_name = _("search index change")
        verbose_name_plural = _("search index changes")

    def __str__(self) -> str:
        return f"change {self.id}: {self.key}"
