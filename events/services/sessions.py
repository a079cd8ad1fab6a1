"""Use cases on a whole session: capacity, cancellation and telling people it changed."""

from __future__ import annotations

from django.db import transaction

from events.errors import InvalidCapacity
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
