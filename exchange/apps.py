from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExchangeConfig(AppConfig):
    name = "exchange"
    verbose_name = _("Exchanges")

    def ready(self) -> None:
        from core.home import HomeSection, index_url_of, latest_children_of, register_home_section
        from exchange.models import ExchangeIndexPage

        register_home_section(
            HomeSection(
                key="open_exchanges",
                title=_("Exchanges with free seats"),
                empty_message=_(
                    "No study visit is open for registration right now. Host municipalities"
                    " publish new exchanges regularly."
                ),
                template="core/page_card_list.html",
                order=20,
                items=latest_children_of(ExchangeIndexPage),
                more_url=index_url_of(ExchangeIndexPage),
                more_label=_("All exchanges"),
            )
        )
