"""The waiting list: free seats go to the people waiting, in order, whatever freed them; the
reconciler (``fill_free_seats``, on a timer) catches any seat freed by another path."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import Count, F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from events.errors import EngineBusy, InvalidTransition
from events.locking import _lock_session, engine_transaction
from events.models import Registration, Session
from events.services._common import (
    Status,
    _close_waitlist_gap,
    _has_free_seat,
    _locked_registration,
    _notify,
    _seat_status,
    _set_status,
    policy_of,
)
from members.models import User


def _promote(session: Session, actor: User | None) -> list[Registration]:
    """Give free seats to the first people on the waiting list. Session must be locked. With
    the page's "offer the seat" policy each gets an offer held for some hours instead
    (``offered``: it counts as a held seat), to accept or decline by e-mail."""
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
        if policy.offer_hours:
            first.offer_expires_at = timezone.now() + timedelta(hours=policy.offer_hours)
            first.save(update_fields=["offer_expires_at"])
            _set_status(first, Status.OFFERED, actor, note="seat offered from the waiting list")
            _close_waitlist_gap(session, position)
            _notify("offered", first)
        else:
            _set_status(first, _seat_status(policy), actor, note="promoted from the waiting list")
            _close_waitlist_gap(session, position)
            _notify("promoted", first)
        promoted.append(first)
    return promoted


@engine_transaction
def accept_seat_offer(registration: Registration | int, *, now: datetime | None = None):
    """She takes the seat offered to her (confirmed, or pending when the host approves)."""
    now = now or timezone.now()
    with transaction.atomic():
        session, registration = _locked_registration(registration)
        if registration.status != Status.OFFERED:
            raise InvalidTransition(_("This seat offer is no longer open."))
        if registration.offer_expires_at and registration.offer_expires_at < now:
            raise InvalidTransition(_("This seat offer has expired."))
        policy = policy_of(session.page)
        registration.offer_expires_at = None
        registration.save(update_fields=["offer_expires_at"])
        _set_status(
            registration, _seat_status(policy), registration.user, note="seat offer accepted"
        )
        _notify(
            "registered" if registration.status == Status.CONFIRMED else "pending", registration
        )
        return registration


@engine_transaction
def decline_seat_offer(registration: Registration | int):
    """She lets the seat offered to her go: it is offered to the next person waiting."""
    with transaction.atomic():
        session, registration = _locked_registration(registration)
        if registration.status != Status.OFFERED:
            raise InvalidTransition(_("This seat offer is no longer open."))
        registration.offer_expires_at = None
        registration.save(update_fields=["offer_expires_at"])
        _set_status(registration, Status.DECLINED, registration.user, note="seat offer declined")
        _promote(session, None)
        return registration


@engine_transaction
def _expire_offers_of(session_id: int, now: datetime) -> int:
    with transaction.atomic():
        session = _lock_session(session_id)
        expired = list(
            session.registrations.filter(status=Status.OFFERED, offer_expires_at__lt=now)
        )
        for registration in expired:
            registration.offer_expires_at = None
            registration.save(update_fields=["offer_expires_at"])
            _set_status(registration, Status.CANCELLED, None, note="seat offer expired")
            _notify("offer_expired", registration)
        if expired:
            _promote(session, None)
        return len(expired)


def expire_seat_offers(*, now: datetime | None = None) -> int:
    """Seat offers past their hours lapse and pass to the next person (by the reconciler)."""
    now = now or timezone.now()
    session_ids = (
        Registration.objects.filter(status=Status.OFFERED, offer_expires_at__lt=now)
        .values_list("session_id", flat=True)
        .distinct()
    )
    expired = 0
    for session_id in list(session_ids):
        try:
            expired += _expire_offers_of(session_id, now)
        except EngineBusy:
            continue
    return expired


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
    expire_seat_offers(now=now)
    promoted: list[Registration] = []
    for session_id in sessions_with_free_seats_and_waiting(now).values_list("pk", flat=True):
        try:
            promoted.extend(promote_from_waitlist(session_id))
        except EngineBusy:
            continue  # the next run takes it; a busy session is being served right now
    return promoted
