"""The search index kept in the database: one row per searchable thing, plus its facet values.

Builders (``search/builders.py``) turn content into documents; ``search.index`` writes them
here (and to Elasticsearch when that engine is selected). Full text lives next to these rows:
a ``tsvector`` column on PostgreSQL, an FTS5 table on SQLite (both made in migration 0002).
"""

import secrets

from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchDocument(models.Model):
    """One searchable item: a practice, a tool, an exchange offer, a session, a page..."""

    key = models.CharField(
        _("key"),
        max_length=120,
        unique=True,
        help_text=_('Model and primary key of the indexed object, e.g. "core.standardpage:42".'),
    )
    doc_type = models.CharField(
        _("type"), max_length=40, db_index=True, help_text=_("The content type facet value.")
    )
    title = models.CharField(_("title"), max_length=300, help_text=_("Shown as the hit title."))
    body = models.TextField(_("body"), blank=True, help_text=_("Plain text that is searched."))
    url = models.CharField(_("URL"), max_length=500, help_text=_("Where the hit links to."))
    date = models.DateTimeField(
        _("date"), null=True, blank=True, db_index=True, help_text=_("Sort date of the hit.")
    )
    event_end = models.DateTimeField(
        _("event end"),
        null=True,
        blank=True,
        db_index=True,
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
    synonyms = models.TextField(
        _("synonyms"),
        blank=True,
        help_text=_("Other names of phrases in the text (e.g. ETS), searched with it."),
    )
    indexed_text = models.TextField(
        _("indexed text"),
        blank=True,
        help_text=_("Folded words of title, body and synonyms, for prefix matching."),
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True, db_index=True)

    class Meta:
        verbose_name = _("search document")
        verbose_name_plural = _("search documents")

    def __str__(self) -> str:
        return f"{self.key}: {self.title}"


class SearchFacet(models.Model):
    """One facet value of a document (several rows per facet when the data is multi-valued)."""

    document = models.ForeignKey(
        SearchDocument,
        on_delete=models.CASCADE,
        related_name="facets",
        verbose_name=_("document"),
    )
    name = models.CharField(_("facet"), max_length=32, help_text=_('E.g. "theme", "region".'))
    value = models.CharField(_("value"), max_length=120, help_text=_("Value used in URLs."))
    label = models.CharField(_("label"), max_length=200, help_text=_("Value shown to people."))

    class Meta:
        verbose_name = _("search facet value")
        verbose_name_plural = _("search facet values")
        indexes = [
            models.Index(fields=["name", "value", "document"], name="search_facet_lookup"),
            models.Index(fields=["document", "name", "value"], name="search_facet_by_doc"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["document", "name", "value"], name="search_facet_unique_value"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name}={self.value}"


class SearchIndexState(models.Model):
    """A single row that tells processes how to bring their facet bitmaps up to date.

    Every write to the index first updates this row, so writers queue on its row lock and
    their change ids (``SearchIndexChange``) are committed in order. ``generation`` is a new
    random number whenever the index is emptied or bulk-filled: processes then reload
    everything; otherwise they apply the logged changes since the last one they saw (see
    ``search.engines.bitmaps``).
    """

    version = models.BigIntegerField(_("version"), default=0, help_text=_("Bumped by writes."))
    generation = models.BigIntegerField(
        _("generation"), default=0, help_text=_("New when the index is emptied or rebuilt.")
    )
    pruned_through = models.BigIntegerField(
        _("pruned through"),
        default=0,
        help_text=_("Changes up to this id were deleted from the log."),
    )

    class Meta:
        verbose_name = _("search index state")
        verbose_name_plural = _("search index states")

    def __str__(self) -> str:
        return f"search index v{self.version}"

    @classmethod
    def bump(cls, new_generation: bool = False) -> None:
        """Start a write: take the row lock (held until commit) and count the write."""
        updates = {"version": models.F("version") + 1}
        if new_generation:
            updates["generation"] = _random_generation()
        if cls.objects.filter(pk=1).update(**updates):
            return
        _state, created = cls.objects.get_or_create(
            pk=1, defaults={"version": 1, "generation": _random_generation()}
        )
        if not created:  # another writer created it first
            cls.objects.filter(pk=1).update(**updates)


def _random_generation() -> int:
    # Random rather than a counter: a test that rolls back its transaction leaves a
    # counter where it was, and a process could mistake the next state for the one it knew.
    return secrets.randbits(62) + 1


class SearchIndexChange(models.Model):
    """One document written or deleted; processes apply these to their bitmaps in id order."""

    id = models.BigAutoField(primary_key=True)
    document_id = models.BigIntegerField(_("document id"))

    class Meta:
        verbose_name = _("search index change")
        verbose_name_plural = _("search index changes")

    def __str__(self) -> str:
        return f"change {self.id}: document {self.document_id}"
