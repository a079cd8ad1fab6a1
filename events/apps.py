from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def meeting_published(sender, instance, **kwargs) -> None:
    """A published meeting takes registrations through its own session (kept in step)."""
    from events import services_meetings

    services_meetings.sync_meeting_session(instance.specific)


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Events and registrations")

    def ready(self) -> None:
        from wagtail.signals import page_published

        from core.home import HomeSection, index_url_of, register_home_section
        from events.meeting_models import MeetingPage
        from events.models import EventIndexPage
        from events.selectors import upcoming_meetings

        page_published.connect(
            meeting_published, sender=MeetingPage, dispatch_uid="events_meeting_published"
        )
        from django.db.models.signals import post_save, pre_save

        from events import privacy
        from events.models import Session
        from events.services import apply_session_change, remember_stored_session

        privacy.register()

        # Sessions saved outside the engine's use cases go through it (docs/adr/0002).
        pre_save.connect(remember_stored_session, sender=Session, dispatch_uid="events_session_pre")
        post_save.connect(apply_session_change, sender=Session, dispatch_uid="events_session_post")
        register_home_section(
            HomeSection(
                key="upcoming_meetings",
                title=_("Upcoming meetings"),
                empty_message=_(
                    "No community meeting is scheduled yet. Communities publish their "
                    "working tables here."
                ),
                template="events/home_meetings.html",
                order=30,
                items=lambda request: upcoming_meetings(limit=6),
                more_url=index_url_of(EventIndexPage),
                more_label=_("Calendar"),
            )
        )
