"""Site settings (Wagtail "Settings" menu): who owns the site and how to reach them.

The footer, the privacy notice and the accessibility statement read these, so a network that
adopts the platform edits its own body, contacts, PEC, data controller and DPO in one place
instead of in templates. Empty fields are simply not shown.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, PageChooserPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Site

from core.cache import cached_per_site


@register_setting(icon="site")
class SiteIdentity(BaseSiteSetting):
    """The owning body, its contacts, the data-protection roles and the legal pages."""

    # The footer follows these links on every page: one query, not one per link.
    select_related = ["privacy_page", "accessibility_page", "legal_notes_page"]

    owner_name = models.CharField(
        _("owning body"),
        max_length=200,
        blank=True,
        help_text=_(
            "The body responsible for the site, e.g. the network or the lead municipality."
        ),
    )
    owner_address = models.TextField(
        _("address"), blank=True, help_text=_("Postal address of the owning body, one line each.")
    )
    owner_tax_code = models.CharField(
        _("tax code or VAT number"),
        max_length=32,
        blank=True,
        help_text=_("Codice fiscale or partita IVA of the owning body."),
    )
    owner_phone = models.CharField(_("telephone"), max_length=40, blank=True)
    owner_email = models.EmailField(
        _("e-mail"), blank=True, help_text=_("Ordinary e-mail for questions about the site.")
    )
    owner_pec = models.EmailField(
        _("PEC"), blank=True, help_text=_("Certified e-mail (posta elettronica certificata).")
    )

    controller_name = models.CharField(
        _("data controller"),
        max_length=200,
        blank=True,
        help_text=_("Who decides why and how personal data are processed (GDPR art. 4.7)."),
    )
    controller_contact = models.CharField(
        _("data controller contact"),
        max_length=200,
        blank=True,
        help_text=_("E-mail or PEC at which the controller receives requests."),
    )
    dpo_name = models.CharField(
        _("data protection officer"),
        max_length=200,
        blank=True,
        help_text=_("Name of the DPO (responsabile della protezione dei dati)."),
    )
    dpo_contact = models.CharField(
        _("DPO contact"), max_length=200, blank=True, help_text=_("E-mail or PEC of the DPO.")
    )

    facebook_url = models.URLField(_("Facebook"), blank=True)
    linkedin_url = models.URLField(_("LinkedIn"), blank=True)
    youtube_url = models.URLField(_("YouTube"), blank=True)
    instagram_url = models.URLField(_("Instagram"), blank=True)
    mastodon_url = models.URLField(_("Mastodon"), blank=True)

    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("privacy notice"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    accessibility_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("accessibility statement"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    legal_notes_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("legal notes"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("owner_name"),
                FieldPanel("owner_address"),
                FieldPanel("owner_tax_code"),
                FieldPanel("owner_phone"),
                FieldPanel("owner_email"),
                FieldPanel("owner_pec"),
            ],
            heading=_("Owning body"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("controller_name"),
                FieldPanel("controller_contact"),
                FieldPanel("dpo_name"),
                FieldPanel("dpo_contact"),
            ],
            heading=_("Personal data"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("facebook_url"),
                FieldPanel("linkedin_url"),
                FieldPanel("youtube_url"),
                FieldPanel("instagram_url"),
                FieldPanel("mastodon_url"),
            ],
            heading=_("Social networks"),
        ),
        MultiFieldPanel(
            [
                PageChooserPanel("privacy_page", ["core.PrivacyNoticePage", "core.StandardPage"]),
                PageChooserPanel(
                    "accessibility_page",
                    ["core.AccessibilityStatementPage", "core.StandardPage"],
                ),
                PageChooserPanel("legal_notes_page", ["core.StandardPage"]),
            ],
            heading=_("Legal pages linked in the footer"),
        ),
    ]

    class Meta:
        verbose_name = _("owning body and contacts")

    def social_links(self) -> list[tuple[str, str, str]]:
        """(label, url, Bootstrap Italia icon) of the social networks that are filled in."""
        candidates = [
            ("Facebook", self.facebook_url, "it-facebook"),
            ("LinkedIn", self.linkedin_url, "it-linkedin"),
            ("YouTube", self.youtube_url, "it-youtube"),
            ("Instagram", self.instagram_url, "it-instagram"),
            ("Mastodon", self.mastodon_url, "it-mastodon"),
        ]
        return [candidate for candidate in candidates if candidate[1]]


_REQUEST_ATTR = "_site_identity"


def identity_for_request(request) -> SiteIdentity:
    """The request's site settings, read once per request and kept in the cache per host
    until they are saved (``core.cache.cached_per_site``). Unlike ``SiteIdentity.for_request``
    it never writes: a site nobody has configured gets an empty, unsaved instance, so the
    first page of a new site costs the same queries as every other."""
    cached = getattr(request, _REQUEST_ATTR, None)
    if cached is not None:
        return cached
    identity = cached_per_site(request, "site-identity", _read_identity)
    setattr(request, _REQUEST_ATTR, identity)
    return identity


def _read_identity(request) -> SiteIdentity:
    site = Site.find_for_request(request)
    identity = None
    if site is not None:
        identity = (
            SiteIdentity.objects.filter(site=site)
            .select_related(*SiteIdentity.select_related)
            .first()
        )
    return identity or SiteIdentity(site=site)
