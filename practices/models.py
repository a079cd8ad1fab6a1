"""Good practices, the toolbox library and the shared taxonomy (themes and instruments)."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from rest_framework import serializers
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from core.models import RICH_TEXT_FEATURES, SectionIndexPage
from members.models import Organisation, OwnedByOrganisation
from practices.blocks import DocumentBlock, LinkBlock, PracticeBodyBlock
from practices.sanitize import clean_rich_text


class TaxonomyTerm(models.Model):
    """A staff-managed term with an Italian and an English label."""

    name_it = models.CharField(_("name (Italian)"), max_length=120, unique=True)
    name_en = models.CharField(_("name (English)"), max_length=120, blank=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    description = models.TextField(_("description"), blank=True)

    panels = [
        FieldPanel("name_it"),
        FieldPanel("name_en"),
        FieldPanel("slug"),
        FieldPanel("description"),
    ]

    class Meta:
        abstract = True
        ordering = ["name_it"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        """The label in the active language, falling back to Italian."""
        if translation.get_language() == "en" and self.name_en:
            return self.name_en
        return self.name_it


class Theme(TaxonomyTerm):
    """A theme of shared administration, e.g. care of commons, community hubs, regeneration."""

    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("theme")
        verbose_name_plural = _("themes")


class Instrument(TaxonomyTerm):
    """A legal or administrative instrument, e.g. collaboration pact, public notice, concession."""

    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("instrument")
        verbose_name_plural = _("instruments")


def validate_year(value: int) -> None:
    if not 1990 <= value <= datetime.date.today().year + 1:
        raise ValidationError(_("Give a year between 1990 and next year."))


class PracticeIndexPage(SectionIndexPage):
    """The list of good-practice sheets ("Buone pratiche"), with filters and open-data downloads."""

    empty_message = _(
        "No good practice has been published yet. Municipalities can publish theirs after "
        "signing in."
    )
    subpage_types = ["practices.PracticePage"]

    class Meta:
        verbose_name = _("practice index page")

    def serve(self, request, *args, **kwargs):
        from practices.views import serve_index

        return serve_index(self, request, super().serve, *args, **kwargs)

    def get_items(self, request):
        items = getattr(request, "index_items", None)
        return PracticePage.objects.none() if items is None else items

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(getattr(request, "index_context", {}))
        return context


class ToolboxIndexPage(SectionIndexPage):
    """The toolbox library ("Strumenti"): reusable notices, agreements, regulations, templates."""

    empty_message = _("The toolbox is empty for now: reusable instruments will appear here.")
    subpage_types = ["practices.ToolPage"]

    class Meta:
        verbose_name = _("toolbox index page")

    def serve(self, request, *args, **kwargs):
        from practices.views import serve_index

        return serve_index(self, request, super().serve, *args, **kwargs)

    def get_items(self, request):
        items = getattr(request, "index_items", None)
        return ToolPage.objects.none() if items is None else items

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(getattr(request, "index_context", {}))
        return context


class PracticePageTag(TaggedItemBase):
    content_object = ParentalKey(
        "practices.PracticePage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class PracticePage(OwnedByOrganisation, Page):
    """A good-practice sheet: what an organisation did, with which instruments and results.

    Editors of the owning organisation write it; its impact indicators are drawn as charts and
    other organisations that took it up are listed as "adopted by".
    """

    class Status(models.TextChoices):
        ONGOING = "ongoing", _("Ongoing")
        CONCLUDED = "concluded", _("Concluded")

    host_office = models.CharField(
        _("host office"),
        max_length=250,
        blank=True,
        help_text=_(
            'Area, sector and service in charge, e.g. "Settore Servizi amministrativi, '
            'Servizio Partecipazione".'
        ),
    )
    summary = models.TextField(
        _("summary"),
        max_length=800,
        help_text=_("One paragraph: what was done and why it is worth learning from."),
    )
    body = StreamField(
        PracticeBodyBlock(),
        blank=True,
        verbose_name=_("body"),
        help_text=_("The sheet: text, key figures, quotes, images, documents, programme."),
    )
    themes = ParentalManyToManyField(
        Theme,
        blank=True,
        related_name="practices",
        verbose_name=_("themes"),
        help_text=_("The themes of shared administration the practice touches."),
    )
    instruments = ParentalManyToManyField(
        Instrument,
        blank=True,
        related_name="practices",
        verbose_name=_("instruments"),
        help_text=_("The legal or administrative instruments used."),
    )
    tags = ClusterTaggableManager(
        through=PracticePageTag,
        blank=True,
        verbose_name=_("tags"),
        help_text=_("Free keywords for everything the themes do not say."),
    )
    legal_basis = models.CharField(
        _("legal basis"),
        max_length=300,
        blank=True,
        help_text=_('Laws and acts it rests on, e.g. "art. 55 D.Lgs. 117/2017".'),
    )
    partners = ParentalManyToManyField(
        Organisation,
        blank=True,
        related_name="partner_in_practices",
        verbose_name=_("partners"),
        help_text=_("Partner organisations that are in the register."),
    )
    other_partners_count = models.PositiveIntegerField(
        _("other partners"),
        default=0,
        help_text=_("How many further partners (associations, companies...) are not listed."),
    )
    start_year = models.PositiveSmallIntegerField(
        _("start year"), validators=[validate_year], help_text=_("The year the practice began.")
    )
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=Status.choices,
        default=Status.ONGOING,
        help_text=_("Whether the practice is still running."),
    )
    end_year = models.PositiveSmallIntegerField(
        _("end year"),
        null=True,
        blank=True,
        validators=[validate_year],
        help_text=_("For a concluded practice: the year it ended."),
    )
    contacts = models.TextField(
        _("contacts"),
        blank=True,
        max_length=1000,
        help_text=_("Office, e-mail and telephone to ask about the practice. Plain text."),
    )
    links = StreamField(
        [("link", LinkBlock())],
        blank=True,
        verbose_name=_("links"),
        help_text=_("Web pages about the practice."),
    )
    attachments = StreamField(
        [("document", DocumentBlock())],
        blank=True,
        verbose_name=_("attachments"),
        help_text=_("Acts, reports and presentations to download."),
    )
    tools = ParentalManyToManyField(
        "practices.ToolPage",
        blank=True,
        related_name="used_by_practices",
        verbose_name=_("tools used"),
        help_text=_("Entries of the toolbox this practice used."),
    )

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [*OwnedByOrganisation.owner_panels, FieldPanel("host_office")],
            heading=_("Who"),
        ),
        FieldPanel("summary"),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("themes"),
                FieldPanel("instruments"),
                FieldPanel("tags"),
                FieldPanel("legal_basis"),
                FieldPanel("tools"),
            ],
            heading=_("Classification"),
        ),
        MultiFieldPanel(
            [FieldPanel("partners"), FieldPanel("other_partners_count")], heading=_("Partners")
        ),
        FieldRowPanel(
            [FieldPanel("start_year"), FieldPanel("status"), FieldPanel("end_year")],
            heading=_("Period"),
        ),
        InlinePanel("indicators", heading=_("Impact indicators"), label=_("Indicator")),
        FieldPanel("contacts"),
        FieldPanel("links"),
        FieldPanel("attachments"),
    ]

    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("organisation"),
    ]

    api_fields = [
        APIField("summary"),
        APIField("host_office"),
        APIField("organisation", serializer=serializers.StringRelatedField()),
        APIField(
            "themes",
            serializer=serializers.SlugRelatedField(many=True, read_only=True, slug_field="slug"),
        ),
        APIField(
            "instruments",
            serializer=serializers.SlugRelatedField(many=True, read_only=True, slug_field="slug"),
        ),
        APIField("tags", serializer=serializers.StringRelatedField(many=True)),
        APIField("legal_basis"),
        APIField("partners", serializer=serializers.StringRelatedField(many=True)),
        APIField("other_partners_count"),
        APIField("start_year"),
        APIField("status"),
        APIField("end_year"),
        APIField("contacts"),
        APIField("body"),
        APIField("indicators"),
        APIField("tools", serializer=serializers.PrimaryKeyRelatedField(many=True, read_only=True)),
    ]

    parent_page_types = ["practices.PracticeIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("good practice")
        verbose_name_plural = _("good practices")

    def clean(self):
        super().clean()
        if self.status == self.Status.CONCLUDED and not self.end_year:
            raise ValidationError({"end_year": _("Give the year a concluded practice ended.")})
        if self.status == self.Status.ONGOING and self.end_year:
            raise ValidationError({"end_year": _("An ongoing practice has no end year yet.")})
        if self.end_year and self.start_year and self.end_year < self.start_year:
            raise ValidationError({"end_year": _("The end year comes before the start year.")})

    def indicators_with_values(self, request=None) -> list:
        if self.pk and not getattr(request, "is_preview", False):
            return list(Indicator.objects.filter(practice_id=self.pk).prefetch_related("values"))
        return list(self.indicators.all())

    def get_context(self, request, *args, **kwargs):
        from practices.charts import indicator_chart

        context = super().get_context(request, *args, **kwargs)
        context["charts"] = [
            indicator_chart(indicator) for indicator in self.indicators_with_values(request)
        ]
        context["adoptions"] = (
            list(self.adoptions.select_related("organisation")) if self.pk else []
        )
        context["tools_used"] = self.tools_used(request)
        return context

    def tools_used(self, request=None) -> list:
        """The live, public tools this practice uses. A draft or a preview holds its tools as a
        plain list (modelcluster's FakeQuerySet), which cannot be filtered in SQL: ask for those
        ids instead."""
        if self.pk and not getattr(request, "is_preview", False):
            tools = self.tools.all()
        else:
            tools = ToolPage.objects.filter(pk__in=[tool.pk for tool in self.tools.all()])
        return list(tools.live().public().select_related("instrument"))


class Indicator(ClusterableModel, Orderable):
    """An impact indicator a practice declares, e.g. "presences" (number, better if higher)."""

    class Direction(models.TextChoices):
        HIGHER = "higher", _("Better if higher")
        LOWER = "lower", _("Better if lower")

    practice = ParentalKey(
        PracticePage,
        on_delete=models.CASCADE,
        related_name="indicators",
        verbose_name=_("practice"),
    )
    name = models.CharField(
        _("name"), max_length=200, help_text=_('What is measured, e.g. "Presences in the spaces".')
    )
    unit = models.CharField(
        _("unit"), max_length=50, blank=True, help_text=_('e.g. "people", "events", "€", "%".')
    )
    direction = models.CharField(
        _("direction"),
        max_length=8,
        choices=Direction.choices,
        default=Direction.HIGHER,
        help_text=_("Whether a higher value is better or worse."),
    )
    method = models.TextField(
        _("method"),
        blank=True,
        max_length=1000,
        help_text=_("How the value is measured and by whom."),
    )

    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("unit"), FieldPanel("direction")]),
        FieldPanel("method"),
        InlinePanel("values", heading=_("Values"), label=_("Value"), min_num=0),
    ]
    api_fields = [
        APIField("name"),
        APIField("unit"),
        APIField("direction"),
        APIField("method"),
        APIField("values"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("impact indicator")
        verbose_name_plural = _("impact indicators")

    def __str__(self) -> str:
        return self.name


class IndicatorValue(Orderable):
    """The value of an indicator for one period (a year, a semester...)."""

    indicator = ParentalKey(
        Indicator, on_delete=models.CASCADE, related_name="values", verbose_name=_("indicator")
    )
    period_label = models.CharField(
        _("period"), max_length=50, help_text=_('As it should read, e.g. "2024" or "2023 H2".')
    )
    period_date = models.DateField(
        _("period date"),
        null=True,
        blank=True,
        help_text=_("A date inside the period, used to order the values."),
    )
    value = models.DecimalField(
        _("value"), max_digits=14, decimal_places=2, help_text=_("The measured value.")
    )

    panels = [
        FieldRowPanel([FieldPanel("period_label"), FieldPanel("period_date"), FieldPanel("value")])
    ]
    api_fields = [APIField("period_label"), APIField("period_date"), APIField("value")]

    class Meta(Orderable.Meta):
        verbose_name = _("indicator value")
        verbose_name_plural = _("indicator values")

    def __str__(self) -> str:
        return f"{self.period_label}: {self.value}"


class Adoption(models.Model):
    """An organisation that took up a practice, shown on the sheet as "adopted by".

    A plain model (not a page child): adoptions recorded after an exchange visit must survive
    an editor publishing an older revision of the sheet.
    """

    class Source(models.TextChoices):
        EXCHANGE = "exchange", _("Reported after an exchange visit")
        EDITOR = "editor", _("Added by an editor")

    practice = models.ForeignKey(
        PracticePage,
        on_delete=models.CASCADE,
        related_name="adoptions",
        verbose_name=_("practice"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="adoptions",
        verbose_name=_("organisation"),
        help_text=_("The organisation that took up the practice."),
    )
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[validate_year], help_text=_("The year it was taken up.")
    )
    note = models.CharField(
        _("note"), max_length=500, blank=True, help_text=_("A short note on how it was adapted.")
    )
    source = models.CharField(
        _("source"), max_length=16, choices=Source.choices, default=Source.EDITOR
    )
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reported by"),
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    panels = [
        FieldPanel("practice"),
        FieldPanel("organisation"),
        FieldPanel("year"),
        FieldPanel("note"),
    ]

    class Meta:
        verbose_name = _("adoption")
        verbose_name_plural = _("adoptions")
        ordering = ["-year", "organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["practice", "organisation"], name="adoption_once_per_organisation"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} ({self.year})"


class ToolPage(OwnedByOrganisation, Page):
    """A reusable instrument of the toolbox: a public notice, a concession, a regulation, a
    collaboration-pact template, an indicator set... with its files to download and adapt."""

    class Licence(models.TextChoices):
        CC_BY = "cc-by-4.0", "CC BY 4.0"
        CC_BY_SA = "cc-by-sa-4.0", "CC BY-SA 4.0"
        CC0 = "cc0-1.0", "CC0 1.0"
        IODL = "iodl-2.0", "IODL 2.0"
        OTHER = "other", _("Other: see the description")

    instrument = models.ForeignKey(
        Instrument,
        on_delete=models.PROTECT,
        related_name="tools",
        verbose_name=_("instrument"),
        help_text=_("The kind of instrument this is."),
    )
    description = RichTextField(
        _("description"),
        features=RICH_TEXT_FEATURES,
        help_text=_("What it is for, how to adapt it, what to watch out for."),
    )
    licence = models.CharField(
        _("licence"),
        max_length=20,
        choices=Licence.choices,
        default=Licence.CC_BY,
        help_text=_("Under which terms others may reuse the files."),
    )
    version = models.CharField(
        _("version"), max_length=30, blank=True, help_text=_('e.g. "1.2" or "2024".')
    )
    version_date = models.DateField(
        _("version date"), null=True, blank=True, help_text=_("When this version was approved.")
    )
    adapted_from = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="adaptations",
        verbose_name=_("adapted from"),
        help_text=_("The toolbox entry this one was adapted from, if any."),
    )

    content_panels = Page.content_panels + [
        *OwnedByOrganisation.owner_panels,
        FieldPanel("instrument"),
        FieldPanel("description"),
        InlinePanel("files", heading=_("Files"), label=_("File"), min_num=1),
        FieldRowPanel([FieldPanel("licence"), FieldPanel("version"), FieldPanel("version_date")]),
        FieldPanel("adapted_from"),
    ]
    search_fields = Page.search_fields + [index.SearchField("description")]
    api_fields = [
        APIField("organisation", serializer=serializers.StringRelatedField()),
        APIField(
            "instrument", serializer=serializers.SlugRelatedField(read_only=True, slug_field="slug")
        ),
        APIField("description"),
        APIField("licence"),
        APIField("version"),
        APIField("version_date"),
        APIField("adapted_from", serializer=serializers.PrimaryKeyRelatedField(read_only=True)),
        APIField("files"),
    ]

    parent_page_types = ["practices.ToolboxIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("tool")
        verbose_name_plural = _("tools")

    def save(self, *args, **kwargs):
        self.description = clean_rich_text(self.description)
        return super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        if self.adapted_from_id and self.pk and self.adapted_from_id == self.pk:
            raise ValidationError({"adapted_from": _("A tool cannot be adapted from itself.")})

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["tool_files"] = (
            list(self.files.select_related("document")) if self.pk else list(self.files.all())
        )
        context["adaptations"] = (
            list(self.adaptations.live().public().select_related("organisation")) if self.pk else []
        )
        context["used_by"] = (
            list(self.used_by_practices.live().public().select_related("organisation"))
            if self.pk
            else []
        )
        if self.adapted_from_id:
            context["adapted_from_page"] = (
                ToolPage.objects.live()
                .public()
                .select_related("organisation")
                .filter(pk=self.adapted_from_id)
                .first()
            )
        return context


class ToolFile(Orderable):
    """A file of a toolbox entry (a Wagtail document, checked by content on upload)."""

    tool = ParentalKey(ToolPage, on_delete=models.CASCADE, related_name="files")
    document = models.ForeignKey(
        "wagtaildocs.Document",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("document"),
        help_text=_("PDF, ODT, DOCX, XLSX or CSV."),
    )
    label = models.CharField(
        _("label"), max_length=200, blank=True, help_text=_("Defaults to the document's title.")
    )

    panels = [FieldPanel("document"), FieldPanel("label")]
    api_fields = [
        APIField("label"),
        APIField("document_url", serializer=serializers.CharField(source="document.url")),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("file")
        verbose_name_plural = _("files")

    def __str__(self) -> str:
        return self.label or self.document.title
