"""Organisations (the ISTAT register of bodies), the pages they own and who belongs to them."""

import re

from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel

from core.images import validate_image_pixels
from core.text import fold
from members.admin_forms import OwnedPageForm
from members.models.places import Province, Region
from members.models.users import User

ISTAT_CODE_PATTERNS = {
    # Municipalities have six digits, provinces and metropolitan cities three, regions two.
    "municipality": re.compile(r"^\d{6}$"),
    "metropolitan_city": re.compile(r"^\d{3}$"),
    "province": re.compile(r"^\d{3}$"),
    "region": re.compile(r"^\d{2}$"),
}
LOGO_MAX_BYTES = 1024 * 1024
LOGO_MAX_PIXELS = 2000 * 2000
LOGO_EXTENSIONS = ["png", "jpg", "jpeg", "webp"]


def validate_logo_size(file) -> None:
    if file and file.size > LOGO_MAX_BYTES:
        raise ValidationError(_("The logo is too large: the limit is 1 MB."), code="too_large")
    validate_image_pixels(file, LOGO_MAX_PIXELS)


class SizeClass(models.TextChoices):
    """Municipalities by resident population, in the bands ISTAT's tables use."""

    SMALL = "lt5k", _("Under 5,000 inhabitants")
    TOWN = "5k-20k", _("5,000-19,999 inhabitants")
    MEDIUM = "20k-60k", _("20,000-59,999 inhabitants")
    LARGE = "60k-250k", _("60,000-249,999 inhabitants")
    CITY = "250k", _("250,000 inhabitants and more")

    @classmethod
    def bounds(cls, value: str) -> tuple[int, int | None]:
        return SIZE_BOUNDS[value]

    @classmethod
    def of(cls, population: int | None) -> "SizeClass | None":
        if population is None:
            return None
        for value, (low, high) in SIZE_BOUNDS.items():
            if population >= low and (high is None or population < high):
                return cls(value)
        return None


SIZE_BOUNDS: dict[str, tuple[int, int | None]] = {
    "lt5k": (0, 5_000),
    "5k-20k": (5_000, 20_000),
    "20k-60k": (20_000, 60_000),
    "60k-250k": (60_000, 250_000),
    "250k": (250_000, None),
}


class Organisation(models.Model):
    """A body that takes part: a municipality first of all, or a region, a third-sector body..."""

    class Kind(models.TextChoices):
        MUNICIPALITY = "municipality", _("Municipality")
        UNION = "union", _("Union of municipalities")
        METROPOLITAN_CITY = "metropolitan_city", _("Metropolitan city")
        PROVINCE = "province", _("Province")
        REGION = "region", _("Region")
        THIRD_SECTOR = "third_sector", _("Third-sector body")
        OTHER_PUBLIC = "other_public", _("Other public body")
        OTHER = "other", _("Other")

    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices, db_index=True)
    name = models.CharField(_("name"), max_length=200, db_index=True)
    # The name folded by ``core.text.fold`` (set on save), so that the picker matches
    # "Forli" to "Forlì" on SQLite and PostgreSQL alike, without the unaccent extension.
    search_name = models.CharField(max_length=200, blank=True, editable=False, db_index=True)
    slug = models.SlugField(_("slug"), max_length=220, unique=True)
    istat_code = models.CharField(
        _("ISTAT code"),
        max_length=6,
        blank=True,
        help_text=_("Six digits for a municipality (e.g. 040007 for Cesena); empty otherwise."),
    )
    region = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organisations",
        verbose_name=_("region"),
    )
    province = models.ForeignKey(
        Province,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organisations",
        verbose_name=_("province"),
    )
    population = models.PositiveIntegerField(
        _("resident population"),
        null=True,
        blank=True,
        help_text=_(
            "ISTAT's resident population of a municipality, loaded with the register "
            "(members/data/README.md says from which file and date)."
        ),
    )
    population_year = models.PositiveSmallIntegerField(
        _("population year"),
        null=True,
        blank=True,
        help_text=_("The year of ISTAT's population count."),
    )
    website = models.URLField(_("website"), blank=True, help_text=_("Its official website."))
    description = models.TextField(
        _("description"),
        blank=True,
        help_text=_("A few sentences on the body and its experience with shared administration."),
    )
    logo = models.ImageField(
        _("logo"),
        upload_to="organisations/logos/",
        blank=True,
        validators=[FileExtensionValidator(LOGO_EXTENSIONS), validate_logo_size],
        help_text=_("PNG, JPEG or WebP, at most 1 MB."),
    )

    panels = [
        FieldPanel("kind"),
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("istat_code"),
        FieldPanel("region"),
        FieldPanel("province"),
        FieldRowPanel([FieldPanel("population"), FieldPanel("population_year")]),
        FieldPanel("website"),
        FieldPanel("description"),
        FieldPanel("logo"),
    ]

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["istat_code"],
                condition=~models.Q(istat_code=""),
                name="organisation_unique_istat_code",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.search_name = fold(self.name)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "name" in update_fields:
            kwargs["update_fields"] = {*update_fields, "search_name"}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("members:organisation", kwargs={"slug": self.slug})

    @property
    def size_class(self) -> "SizeClass | None":
        return SizeClass.of(self.population)

    def clean(self) -> None:
        super().clean()
        pattern = ISTAT_CODE_PATTERNS.get(self.kind)
        if self.istat_code and (pattern is None or not pattern.match(self.istat_code)):
            raise ValidationError(
                {
                    "istat_code": _(
                        "This is not a valid ISTAT code for this kind of body: six digits for a "
                        "municipality, three for a province or metropolitan city, two for a "
                        "region, none for the others."
                    )
                }
            )


class OwnedByOrganisation(models.Model):
    """Mixin for content pages: the organisation that owns (hosts, publishes) the page.

    Editorial permissions follow this field (see ``members.permissions``): only platform staff
    and the confirmed editors and admins of the organisation may edit, preview, publish, delete
    or see the revisions of the page. In the admin form the organisation can only be chosen
    among the user's own. A page model that sets its own ``base_form_class`` must subclass
    ``members.permissions.OwnedPageForm``.
    """

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("organisation"),
        help_text=_("The organisation that owns this content."),
    )

    owner_panels = [FieldPanel("organisation")]
    base_form_class = OwnedPageForm

    class Meta:
        abstract = True

    def permissions_for_user(self, user):
        from members.permissions import OwnedPagePermissionTester

        return OwnedPagePermissionTester(user, self)


def owned_page_models() -> list[type]:
    """Every concrete page model owned by an organisation (practices, offers, meetings...)."""
    from django.apps import apps
    from wagtail.models import Page

    return [
        model
        for model in apps.get_models()
        if issubclass(model, Page) and issubclass(model, OwnedByOrganisation)
    ]


class Membership(models.Model):
    """The link between a person and the organisation she belongs to, with her role there.

    A new link is pending until an organisation admin (or platform staff, when the organisation
    has no admin yet) confirms it. A person has at most one active membership.
    """

    class Role(models.TextChoices):
        MEMBER = "member", _("Member")
        EDITOR = "editor", _("Editor")
        ADMIN = "admin", _("Organisation admin")

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending confirmation")
        CONFIRMED = "confirmed", _("Confirmed")
        REJECTED = "rejected", _("Rejected")
        ENDED = "ended", _("Ended")

    ACTIVE_STATUSES = (Status.PENDING, Status.CONFIRMED)

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("person")
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("organisation"),
    )
    role = models.CharField(_("role"), max_length=16, choices=Role.choices, default=Role.MEMBER)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    created_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["user"],
                condition=models.Q(status__in=["pending", "confirmed"]),
                name="membership_one_active_per_user",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} - {self.organisation} ({self.get_role_display()})"
