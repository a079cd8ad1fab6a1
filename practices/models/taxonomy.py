"""The shared taxonomy: themes and instruments (snippets), and the year rule of a sheet."""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel


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
