"""The waiting list: free seats go to the people waiting, in order, whatever freed them; the
reconciler (``fill_free_seats``, on a timer) catches any seat freed by another path."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.db.models import Count, F, Q
from django.utils import timezone

from events.errors import EngineBusy
from events.locking import _lock_session, engine_transaction
from events.models import Registration, Session
from events.services._common import (
    Status,
    _close_waitlist_gap,
    _has_free_seat,
    _notify,
    _seat_status,
    _set_status,
    policy_of,
)
from members.models import User


def _promote(session: Session, actor: User | None) -> list[Registration]:
    """Give free seats to the first people on the waiting list. Session must be locked."""
    policy = policy_of(session.page)
    promoted = []
    while _has_free_seat(session):
        first = (
            session.registrations.filter(status=Status.WAITLISTED)
            .order_by("waitlist_position", "pk")
            .first()
        )
        if first is None:
            break
        position = first.waitlist_position
        _set_status(first, _seat_status(policy), actor, note="promoted from the waiting list")
        _close_waitlist_gap(session, position)
        _notify("promoted", first)
        promoted.append(first)
    return promoted


@engine_transaction
def promote_from_waitlist(
    session: Session | int, *, actor: User | None = None
) -> list[Registration]:
    """Fill free seats from the waiting list, in order. Returns the promoted registrations."""
    session_id = session if isinstance(session, int) else session.pk
    with transaction.atomic():
        return _promote(_lock_session(session_id), actor)


def sessions_with_free_seats_and_waiting(now: datetime | None = None):
    """Open sessions still to start where someone waits although a seat is free (a seat freed
    by any path: a capacity raised, a registration deleted, a crash between two steps)."""
    now = now or timezone.now()
    return (
        Session.objects.filter(status=Session.Status.OPEN, starts_at__gt=now)
        .annotate(
            seated=Count("registrations", filter=Q(registrations__status__in=Registration.SEATED)),
            waiting=Count("registrations", filter=Q(registrations__status=Status.WAITLISTED)),
        )
        .filter(waiting__gt=0)
        .filter(Q(capacity__isnull=True) | Q(seated__lt=F("capacity")))
        .order_by("starts_at", "pk")
    )


def fill_free_seats(*, now: datetime | None = None) -> list[Registration]:
    """The reconciler (run on a timer, as pretix's waiting-list task): give every free seat of
    an open session to the people waiting for it, in order, each session in its own
    transaction through ``promote_from_waitlist``. Returns everyone promoted."""
    promoted: list[Registration] = []
    for session_id in sessions_with_free_seats_and_waiting(now).values_list("pk", flat=True):
        try:
            promoted.extend(promote_from_waitlist(session_id))
        except EngineBusy:
            continue  # the next run takes it; a busy session is being served right now
    return promoted
