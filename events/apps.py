from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Events and registrations")

    def ready(self) -> None:
        from django.db.models.signals import post_save, pre_save

        from core.sections import SiteSection, register_site_section
        from events import privacy
        from events.models import EventIndexPage, Session
        from events.session_changes import apply_session_change, remember_stored_session

        register_site_section(
            SiteSection(
                model=EventIndexPage,
                title="Eventi",
                slug="eventi",
                intro="<p>Il calendario delle giornate di scambio e degli incontri delle "
                "comunità.</p>",
                order=30,
            )
        )
        privacy.register()
        # Sessions saved outside the engine's use cases go through it (docs/adr/0002).
        pre_save.connect(remember_stored_session, sender=Session, dispatch_uid="events_session_pre")
        post_save.connect(apply_session_change, sender=Session, dispatch_uid="events_session_post")
