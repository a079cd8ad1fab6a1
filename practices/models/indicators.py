"""A practice's impact indicators with their values per period, and its adoptions."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.api import APIField
from wagtail.models import Orderable

from members.models import Organisation
from practices.models.taxonomy import validate_year


class Indicator(ClusterableModel, Orderable):
    """An impact indicator a practice declares, e.g. "presences" (number, better if higher)."""

    class Direction(models.TextChoices):
        HIGHER = "higher", _("Better if higher")
        LOWER = "lower", _("Better if lower")

    practice = ParentalKey(
        "practices.PracticePage",
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
        "practices.PracticePage",
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
