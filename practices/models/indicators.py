"""A practice's impact indicators with their values per period, the shared catalogue they pick
from, and the transfers (adoptions) of a practice to other organisations."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from rest_framework import serializers
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.api import APIField
from wagtail.models import Orderable

from members.models import Organisation
from practices.models.taxonomy import Theme, validate_year


class Direction(models.TextChoices):
    HIGHER = "higher", _("Better if higher")
    LOWER = "lower", _("Better if lower")


class SharedIndicator(models.Model):
    """An indicator of the shared catalogue, managed by platform staff: practices that report
    it measure the same thing in the same unit, so their values can be compared."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    unit = models.CharField(_("unit"), max_length=50, help_text=_('e.g. "people", "€", "%".'))
    direction = models.CharField(
        _("direction"), max_length=8, choices=Direction.choices, default=Direction.HIGHER
    )
    method = models.TextField(
        _("method"),
        max_length=2000,
        help_text=_("How every practice measures it, so that the values can be compared."),
    )
    per_inhabitant = models.BooleanField(
        _("per 1,000 inhabitants"),
        default=True,
        help_text=_(
            "Whether the value also reads per 1,000 inhabitants of the reporting municipality "
            "(a count of people or events does; a percentage does not)."
        ),
    )
    themes = models.ManyToManyField(
        Theme, blank=True, related_name="shared_indicators", verbose_name=_("themes")
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldRowPanel([FieldPanel("unit"), FieldPanel("direction")]),
        FieldPanel("method"),
        FieldPanel("per_inhabitant"),
        FieldPanel("themes"),
    ]

    class Meta:
        verbose_name = _("shared indicator")
        verbose_name_plural = _("shared indicators")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("indicator_comparison", kwargs={"slug": self.slug})


class Indicator(ClusterableModel, Orderable):
    """An impact indicator a practice declares, e.g. "presences" (number, better if higher).

    One picked from the shared catalogue (``shared``) takes its name, unit and direction from
    there and is comparable across practices; one of the practice's own is not."""

    Direction = Direction

    practice = ParentalKey(
        "practices.PracticePage",
        on_delete=models.CASCADE,
        related_name="indicators",
        verbose_name=_("practice"),
    )
    shared = models.ForeignKey(
        SharedIndicator,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="indicators",
        verbose_name=_("shared indicator"),
        help_text=_(
            "Pick it from the shared catalogue to make it comparable with other practices; "
            "leave empty for an indicator of your own (not comparable)."
        ),
    )
    name = models.CharField(
        _("name"),
        max_length=200,
        blank=True,
        help_text=_(
            'What is measured, e.g. "Presences in the spaces". Taken from the catalogue for a '
            "shared indicator."
        ),
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
        FieldPanel("shared"),
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("unit"), FieldPanel("direction")]),
        FieldPanel("method"),
        InlinePanel("values", heading=_("Values"), label=_("Value"), min_num=0),
    ]
    api_fields = [
        APIField(
            "shared", serializer=serializers.SlugRelatedField(read_only=True, slug_field="slug")
        ),
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

    @property
    def is_comparable(self) -> bool:
        return self.shared_id is not None

    def clean(self) -> None:
        super().clean()
        if self.shared_id is None and not self.name.strip():
            raise ValidationError({"name": _("Name the indicator or pick a shared one.")})

    def save(self, *args, **kwargs):
        # A shared indicator reads the same on every practice: the catalogue is the truth.
        if self.shared_id is not None:
            shared = self.shared
            self.name, self.unit, self.direction = shared.name, shared.unit, shared.direction
        super().save(*args, **kwargs)


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
    """A transfer: an organisation that takes up a practice, from interest to results.

    The stages follow URBACT's understand, adapt, re-use: interested, visited, planning,
    adopted, results reported. A transfer says what the adopter adapted, which toolbox entries
    it reused (the lineage "adattato da") and, later, its own values of the practice's shared
    indicators (``TransferValue``). Shown on the sheet as "adopted by" and on the adopter's
    page. A plain model (not a page child): it must survive an editor publishing an older
    revision of the sheet.
    """

    class Source(models.TextChoices):
        EXCHANGE = "exchange", _("Reported after an exchange visit")
        EDITOR = "editor", _("Added by an editor")
        MEMBER = "member", _("Recorded by the adopting organisation")

    class Stage(models.TextChoices):
        INTERESTED = "interested", _("Interested")
        VISITED = "visited", _("Visited")
        PLANNING = "planning", _("Planning")
        ADOPTED = "adopted", _("Adopted")
        RESULTS = "results", _("Results reported")

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
        help_text=_("The organisation that takes up the practice."),
    )
    stage = models.CharField(
        _("stage"),
        max_length=16,
        choices=Stage.choices,
        default=Stage.ADOPTED,
        db_index=True,
        help_text=_("How far the transfer has gone."),
    )
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[validate_year], help_text=_("The year of the latest stage.")
    )
    note = models.CharField(
        _("note"), max_length=500, blank=True, help_text=_("A short note on the transfer.")
    )
    adapted = models.TextField(
        _("what was adapted"),
        max_length=2000,
        blank=True,
        help_text=_("What the organisation changed to fit the practice to its own context."),
    )
    tools_reused = models.ManyToManyField(
        "practices.ToolPage",
        blank=True,
        related_name="reused_in_transfers",
        verbose_name=_("tools reused"),
        help_text=_("Toolbox entries of the practice the organisation reused (adapted from)."),
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
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    panels = [
        FieldPanel("practice"),
        FieldPanel("organisation"),
        FieldRowPanel([FieldPanel("stage"), FieldPanel("year")]),
        FieldPanel("note"),
        FieldPanel("adapted"),
        FieldPanel("tools_reused"),
    ]

    class Meta:
        verbose_name = _("transfer")
        verbose_name_plural = _("transfers")
        ordering = ["-year", "organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["practice", "organisation"], name="adoption_once_per_organisation"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} ({self.get_stage_display()}, {self.year})"


class TransferValue(models.Model):
    """The adopter's own value of one of the practice's shared indicators, for one period."""

    transfer = models.ForeignKey(
        Adoption, on_delete=models.CASCADE, related_name="values", verbose_name=_("transfer")
    )
    shared = models.ForeignKey(
        SharedIndicator,
        on_delete=models.CASCADE,
        related_name="transfer_values",
        verbose_name=_("shared indicator"),
    )
    period_label = models.CharField(_("period"), max_length=50)
    period_date = models.DateField(_("period date"), null=True, blank=True)
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=2)

    class Meta:
        verbose_name = _("value reported by the adopter")
        verbose_name_plural = _("values reported by the adopter")
        ordering = ["period_date", "period_label", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["transfer", "shared", "period_label"],
                name="transfer_value_once_per_period",
            )
        ]

    def __str__(self) -> str:
        return f"{self.period_label}: {self.value}"
