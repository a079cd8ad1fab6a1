"""The toolbox library: reusable instruments (tool pages) with their files, and its index."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from rest_framework import serializers
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from core.models import RICH_TEXT_FEATURES, SectionIndexPage
from core.visibility import public_pages_q
from members.models import OwnedByOrganisation
from practices.models.routing import OneQueryChildRouteMixin
from practices.models.taxonomy import Instrument
from practices.sanitize import clean_rich_text


class ToolboxIndexPage(OneQueryChildRouteMixin, SectionIndexPage):
    """The toolbox library ("Strumenti"): reusable notices, agreements, regulations, templates."""

    empty_message = _("The toolbox is empty for now: reusable instruments will appear here.")
    subpage_types = ["practices.ToolPage"]

    class Meta:
        verbose_name = _("toolbox index page")

    def serve(self, request, *args, **kwargs):
        from practices.views import serve_index

        return serve_index(self, request, super().serve, *args, **kwargs)

    def child_queryset(self):
        return ToolPage.objects.select_related("organisation", "instrument")

    def get_items(self, request):
        items = getattr(request, "index_items", None)
        return ToolPage.objects.none() if items is None else items

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(getattr(request, "index_context", {}))
        return context


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
            list(self.adaptations.filter(public_pages_q()).select_related("organisation"))
            if self.pk
            else []
        )
        context["used_by"] = (
            list(self.used_by_practices.filter(public_pages_q()).select_related("organisation"))
            if self.pk
            else []
        )
        if self.adapted_from_id:
            context["adapted_from_page"] = (
                ToolPage.objects.filter(public_pages_q())
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
