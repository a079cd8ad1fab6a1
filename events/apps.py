from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Events and registrations")

    def ready(self) -> None:
        from django.db.models.signals import post_save, pre_save

        from events.models import Session
        from events.services import apply_session_change, remember_stored_session

        # Sessions saved outside the engine's use cases go through it (docs/adr/0002).
        pre_save.connect(remember_stored_session, sender=Session, dispatch_uid="events_session_pre")
        post_save.connect(apply_session_change, sender=Session, dispatch_uid="events_session_post")
