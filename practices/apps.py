from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def latest_practices(request, limit: int = 6) -> list:
    """The latest published practices with their organisation and themes: three queries."""
    from practices.models import PracticePage

    return list(
        PracticePage.objects.live()
        .public()
        .select_related("organisation", "organisation__region")
        .prefetch_related("themes")
        .order_by("-first_published_at", "-pk")[:limit]
    )


def organisation_transfers(organisation, request) -> list:
    """The transfers of public practices this organisation took up: one query, two more
    (tools reused, values) only when there are some."""
    from core.visibility import public_pages_q
    from practices.models import Adoption
    from practices.models.practices import transfer_values_prefetch

    return list(
        Adoption.objects.filter(public_pages_q("practice__"), organisation=organisation)
        .select_related("practice", "practice__organisation", "organisation")
        .prefetch_related("tools_reused", transfer_values_prefetch())
        .order_by("-year", "practice__title")
    )


def digest_practices(themes: list[int], region: int | None, since) -> list:
    """New public practices on the member's themes or in her region: one query."""
    from django.db.models import Q

    from core.visibility import public_pages_q
    from members.digests import DigestItem
    from practices.models import PracticePage

    match = Q(themes__in=themes) if themes else Q(pk__in=[])
    if region is not None:
        match |= Q(organisation__region_id=region)
    pages = (
        PracticePage.objects.filter(public_pages_q(), match, first_published_at__gte=since)
        .distinct()
        .order_by("-first_published_at")[:20]
    )
    from django.conf import settings

    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    return [
        DigestItem(title=page.title, url=base + (page.url or ""), summary=page.summary)
        for page in pages
    ]


def home_region_map(request) -> list:
    """The map, when anything is on it: one query for the regions and one per source."""
    from practices.map import region_map

    result = region_map(request)
    return [result] if result.total else []


class PracticesConfig(AppConfig):
    name = "practices"
    verbose_name = _("Practices and toolbox")

    def ready(self) -> None:
        from core.home import HomeSection, index_url_of, register_home_section
        from core.sections import SiteSection, register_site_section
        from members.digests import DigestSource, register_digest_source
        from members.sections import OrganisationSection, register_organisation_section
        from practices import caching, privacy
        from practices import map as region_map
        from practices.models import PracticeIndexPage, ToolboxIndexPage

        # The cached map, filters and sheet facts also follow the taxonomy and organisations.
        caching.connect()
        # What the app stores about a person (the adoptions she reported).
        privacy.register()
        # The map counts practices; exchange may add its offers (practices.map.register_map_source).
        region_map.register()
        register_site_section(
            SiteSection(
                model=PracticeIndexPage,
                title="Buone pratiche",
                slug="buone-pratiche",
                intro="<p>Le schede delle esperienze dei Comuni: cosa hanno fatto, con quali "
                "strumenti e con quali risultati.</p>",
                order=10,
            )
        )
        register_site_section(
            SiteSection(
                model=ToolboxIndexPage,
                title="Strumenti",
                slug="strumenti",
                intro="<p>Avvisi pubblici, concessioni, protocolli di rete, regolamenti e "
                "modelli di patto di collaborazione da adattare al proprio ente.</p>",
                order=50,
            )
        )

        register_digest_source(
            DigestSource(
                key="practices", title=_("New good practices"), items=digest_practices, order=10
            )
        )
        register_organisation_section(
            OrganisationSection(
                key="transfers",
                title=_("Practices it took up"),
                template="practices/includes/organisation_transfers.html",
                items=organisation_transfers,
                order=10,
            )
        )
        register_home_section(
            HomeSection(
                key="region_map",
                title=_("Where things are happening"),
                empty_message=_("Nothing is on the map yet."),
                template="practices/includes/home_region_map.html",
                order=15,
                items=home_region_map,
            )
        )
        register_home_section(
            HomeSection(
                key="latest_practices",
                title=_("Latest good practices"),
                empty_message=_(
                    "No good practice has been published yet. When a municipality publishes"
                    " its first sheet it will appear here."
                ),
                template="practices/includes/practice_cards.html",
                order=10,
                items=latest_practices,
                more_url=index_url_of(PracticeIndexPage),
                more_label=_("All practices"),
            )
        )
