"""Use cases on a whole session: capacity, cancellation and telling people it changed."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from events.errors import InvalidCapacity, InvalidTransition
from events.locking import _lock_session, engine_transaction
from events.models import Registration, Session
from events.services._common import Status, _notify, _set_status
from events.services.waitlist import _promote
from members.models import User


def notify_session_changed(session: Session) -> int:
    """Tell everyone holding a place (confirmed, pending, waiting) that the date, time or
    place of the session changed; e-mails leave after the commit. Returns how many."""
    registrations = list(session.registrations.filter(status__in=Registration.CANCELLABLE))
    for registration in registrations:
        _notify("changed", registration)
    return len(registrations)


@engine_transaction
def change_capacity(session: Session | int, capacity: int | None, *, actor: User | None) -> Session:
    """Set the number of seats. More seats promote people from the waiting list at once; fewer
    seats never remove anyone who already has one."""
    if capacity is not None and capacity < 0:
        raise InvalidCapacity()
    session_id = session if isinstance(session, int) else session.pk
    with transaction.atomic():
        session = _lock_session(session_id)
        session.capacity = capacity
        session.save(update_fields=["capacity"])
        _promote(session, actor)
        return session


@engine_transaction
def cancel_session(session: Session | int, *, actor: User | None) -> Session:
    """The host cancels a whole session: every active registration is cancelled and told."""
    session_id = session if isinstance(session, int) else session.pk
    with transaction.atomic():
        session = _lock_session(session_id)
        session.status = Session.Status.CANCELLED
        session.save(update_fields=["status"])
        for registration in session.registrations.filter(status__in=Registration.CANCELLABLE):
            _set_status(registration, Status.CANCELLED, actor, note="session cancelled")
            _notify("cancelled_by_host", registration)
        return session


@engine_transaction
def move_session(
    session: Session | int,
    *,
    starts_at,
    ends_at,
    place: str | None = None,
    actor: User | None,
) -> Session:
    """The host moves a session (e.g. too few people for the first date): new dates (and
    place), everyone holding a place keeps it and is e-mailed the new details."""
    if ends_at < starts_at:
        raise InvalidTransition(_("The session must end after it starts."))
    session_id = session if isinstance(session, int) else session.pk
    with transaction.atomic():
        session = _lock_session(session_id)
        if session.status == Session.Status.CANCELLED:
            raise InvalidTransition(_("A cancelled session cannot be moved."))
        session.starts_at, session.ends_at = starts_at, ends_at
        fields = ["starts_at", "ends_at", "minimum_warning_sent_at"]
        session.minimum_warning_sent_at = None  # a new date: warn again if still too few
        if place is not None:
            session.place = place
            fields.append("place")
        session.save(update_fields=fields)
        notify_session_changed(session)
        return session
