"""Good-practice sheets and their index page."""

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from rest_framework import serializers
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from core.charts import indicator_chart
from core.models import SectionIndexPage
from core.visibility import public_pages_q
from members.models import Organisation, OwnedByOrganisation
from practices.blocks import DocumentBlock, LinkBlock, PracticeBodyBlock
from practices.caching import cached
from practices.models.routing import OneQueryChildRouteMixin
from practices.models.taxonomy import Instrument, Theme, validate_year


def transfer_values_prefetch() -> Prefetch:
    from practices.models.indicators import TransferValue

    return Prefetch("values", queryset=TransferValue.objects.select_related("shared"))


class PracticeIndexPage(OneQueryChildRouteMixin, SectionIndexPage):
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

    def child_queryset(self):
        return PracticePage.objects.select_related("organisation")

    def get_items(self, request):
        items = getattr(request, "index_items", None)
        return PracticePage.objects.none() if items is None else items

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
            return list(
                apps.get_model("practices", "Indicator")
                .objects.filter(practice_id=self.pk)
                .select_related("shared")
                .prefetch_related("values")
            )
        return list(self.indicators.all())

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        facts = self.sheet_facts(request) if self.pk else self._sheet_facts(request)
        context.update(facts)
        context["charts"] = [indicator_chart(indicator) for indicator in facts["indicators"]]
        # Transfers change without a publish (anyone may record one): always read afresh.
        context["adoptions"] = self.transfers() if self.pk else []
        return context

    def sheet_facts(self, request=None) -> dict:
        """What the sheet lists beside its body (themes, instruments, partners, tags, tools
        used, indicators with their values), kept per site and language until the next publish
        (``practices.caching``): none of it changes without one, except the names of the
        rows the cache also follows. Seven queries to build, none on a hit."""
        key = f"practice-facts:{self.pk}:{self.live_revision_id}"
        return cached(request, key, self._sheet_facts)

    def _sheet_facts(self, request=None) -> dict:
        return {
            "themes": list(self.themes.all()),
            "instruments": list(self.instruments.all()),
            "partners": list(self.partners.all()),
            "tags": list(self.tags.all()),
            "tools_used": self.tools_used(request),
            "indicators": self.indicators_with_values(request),
        }

    def transfers(self) -> list:
        """The transfers of this practice ("adopted by"), with what each adopter reused and
        the values it reported: one query, and two more only when there are transfers."""
        return list(
            self.adoptions.select_related("organisation", "organisation__region")
            .prefetch_related("tools_reused", transfer_values_prefetch())
            .order_by("-year", "organisation__name")
        )

    def tools_used(self, request=None) -> list:
        """The live, public tools this practice uses. A draft or a preview holds its tools as a
        plain list (modelcluster's FakeQuerySet), which cannot be filtered in SQL: ask for those
        ids instead."""
        if self.pk and not getattr(request, "is_preview", False):
            tools = self.tools.all()
        else:
            # ToolPage lives in practices.models.toolbox, which imports this module.
            tools = apps.get_model("practices", "ToolPage").objects.filter(
                pk__in=[tool.pk for tool in self.tools.all()]
            )
        return list(tools.filter(public_pages_q()).select_related("instrument"))
