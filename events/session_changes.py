"""Sessions saved outside the engine's use cases (the offer editor, a revision being
published): signal handlers that hand the change to the engine (docs/adr/0002)."""

from __future__ import annotations

from django.utils import timezone

from events import services
from events.models import Session

# --- Sessions edited outside the engine (the offer editor, a revision being published) ----------

#: What people registered see of a session: a change of any of these e-mails them.
SESSION_FIELDS_PEOPLE_SEE = ("starts_at", "ends_at", "place", "online_url")


def remember_stored_session(sender, instance: Session, raw=False, update_fields=None, **kwargs):
    """``pre_save`` of a session: keep the stored values, so ``apply_session_change`` can tell
    what the save changed. The engine's own saves name their ``update_fields`` and are left
    alone (they already went through a use case)."""
    instance._stored_values = None
    if raw or update_fields is not None or instance.pk is None:
        return
    instance._stored_values = (
        Session.objects.filter(pk=instance.pk)
        .values("capacity", "status", *SESSION_FIELDS_PEOPLE_SEE)
        .first()
    )


def apply_session_change(sender, instance: Session, raw=False, **kwargs) -> None:
    """``post_save`` of a session saved whole (Wagtail's offer editor, a revision published,
    a script): the consequences go through the engine, in the same transaction. Cancelled ->
    ``cancel_session`` (every registration cancelled and e-mailed); more seats ->
    ``promote_from_waitlist`` in order; date, time, place or link changed -> everyone
    holding a place is e-mailed. See docs/adr/0002-sessions-edited-in-the-page-editor.md."""
    stored = getattr(instance, "_stored_values", None)
    instance._stored_values = None
    if raw or stored is None:
        return
    if instance.status == Session.Status.CANCELLED:
        if stored["status"] != Session.Status.CANCELLED:
            services.cancel_session(instance.pk, actor=None)
        return
    moved = any(stored[name] != getattr(instance, name) for name in SESSION_FIELDS_PEOPLE_SEE)
    if moved and max(stored["ends_at"], instance.ends_at) > timezone.now():
        services.notify_session_changed(instance)
    before, after = stored["capacity"], instance.capacity
    if before is not None and (after is None or after > before):
        services.promote_from_waitlist(instance.pk)
