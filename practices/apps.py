from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PracticesConfig(AppConfig):
    name = "practices"
    verbose_name = _("Practices and toolbox")

    def ready(self) -> None:
        from core.home import HomeSection, index_url_of, latest_children_of, register_home_section
        from practices.models import PracticeIndexPage

        register_home_section(
            HomeSection(
                key="latest_practices",
                title=_("Latest good practices"),
                empty_message=_(
                    "No good practice has been published yet. When a municipality publishes"
                    " its first sheet it will appear here."
                ),
                template="core/page_card_list.html",
                order=10,
                items=latest_children_of(PracticeIndexPage),
                more_url=index_url_of(PracticeIndexPage),
                more_label=_("All practices"),
            )
        )
