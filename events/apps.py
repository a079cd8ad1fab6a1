from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Events and registrations")

    def ready(self) -> None:
        from core.home import HomeSection, index_url_of, latest_children_of, register_home_section
        from events.models import EventIndexPage

        register_home_section(
            HomeSection(
                key="upcoming_meetings",
                title=_("Upcoming meetings"),
                empty_message=_(
                    "No community meeting is scheduled yet. Communities publish their "
                    "working tables here."
                ),
                template="core/page_card_list.html",
                order=30,
                items=latest_children_of(EventIndexPage),
                more_url=index_url_of(EventIndexPage),
                more_label=_("Calendar"),
            )
        )
