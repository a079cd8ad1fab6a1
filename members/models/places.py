"""The ISTAT territorial register: regions and provinces."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Region(models.Model):
    """One of the 20 Italian regions (ISTAT code, e.g. "08" for Emilia-Romagna)."""

    istat_code = models.CharField(_("ISTAT code"), max_length=2, unique=True)
    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)

    class Meta:
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Province(models.Model):
    """A province, metropolitan city or equivalent (ISTAT "unità territoriale sovracomunale")."""

    istat_code = models.CharField(_("ISTAT code"), max_length=3, unique=True)
    name = models.CharField(_("name"), max_length=100)
    abbreviation = models.CharField(_("abbreviation"), max_length=2, blank=True)
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="provinces", verbose_name=_("region")
    )

    class Meta:
        verbose_name = _("province")
        verbose_name_plural = _("provinces")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
