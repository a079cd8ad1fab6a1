from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExchangeConfig(AppConfig):
    name = "exchange"
    verbose_name = _("Exchanges")

    def ready(self) -> None:
        from core.home import HomeSection, index_url_of, register_home_section
        from core.sections import SiteSection, register_site_section
        from events.registry import (
            DashboardSection,
            register_calendar_source,
            register_dashboard_section,
        )
        from events.selectors import sessions_with_free_seats
        from exchange import digest
        from exchange import map as region_map
        from exchange.calendar import session_entries, session_rows
        from exchange.dashboard import after_the_visit
        from exchange.models import ExchangeIndexPage, ExchangeOfferPage

        register_site_section(
            SiteSection(
                model=ExchangeIndexPage,
                title="Scambi",
                slug="scambi",
                intro="<p>Visite di studio di uno o due giorni proposte dai Comuni ospitanti: "
                "programma, date e posti disponibili.</p>",
                order=20,
            )
        )

        region_map.register()  # offers on the map of regions (practices.map)
        digest.register()  # new offers in the weekly digest (members.digests)
        register_calendar_source(session_entries, rows=session_rows, kind=_("Exchange session"))

        register_home_section(
            HomeSection(
                key="open_exchanges",
                title=_("Exchanges with free seats"),
                empty_message=_(
                    "No study visit is open for registration right now. Host municipalities"
                    " publish new exchanges regularly."
                ),
                template="exchange/home_sessions.html",
                order=20,
                # Upcoming open sessions of exchanges with at least one free seat (meetings have
                # their own section).
                items=lambda request: sessions_with_free_seats(
                    limit=6, page_model=ExchangeOfferPage
                ),
                more_url=index_url_of(ExchangeIndexPage),
                more_label=_("All exchanges"),
            )
        )

        register_dashboard_section(
            DashboardSection(
                key="exchange_after_visit",
                template="exchange/dashboard_after_visit.html",
                context=after_the_visit,
                order=10,
            )
        )
