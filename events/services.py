"""The registration engine: register, cancel, approve, decline, promote, attendance, capacity.

Every function that changes registrations runs in ``transaction.atomic()`` and first locks the
session row (``select_for_update``: a real row lock on PostgreSQL; on SQLite the IMMEDIATE
transaction mode of the settings takes the database write lock at BEGIN). Seats are counted
inside the transaction, so two people can never take the same last seat. A partial unique
constraint backs the "one active registration per person per session" rule. Every state change
writes a ``RegistrationEvent``; e-mails and the search index's free-seat figure are enqueued as
tasks after the transaction commits.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db import IntegrityError, transaction
from django.db.models import Count, F, Max, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from events import tasks
from events.errors import (  # re-exported: views, clients and tests say services.NotAMember
    AlreadyRegistered,
    AlreadyRegisteredForOffer,
    DeadlinePassed,
    EngineBusy,
    InvalidCapacity,
    InvalidTransition,
    NotAMember,
    NotInCommunity,
    OrganisationCapReached,
    RegistrationError,
    RegistrationNotYetOpen,
    SessionNotOpen,
)
from events.locking import (
    _lock_session,
    _lock_sessions,
    engine_transaction,
)
from events.models import Registration, RegistrationEvent, RegistrationPolicy, Session
from members.models import User
from members.permissions import can_edit_owned_page, editable_organisation_ids, is_platform_staff
from members.services import organisation_of

Status = Registration.Status

__all__ = [
    "RegistrationError",
    "NotAMember",
    "SessionNotOpen",
    "RegistrationNotYetOpen",
    "DeadlinePassed",
    "AlreadyRegistered",
    "AlreadyRegisteredForOffer",
    "OrganisationCapReached",
    "NotInCommunity",
    "InvalidTransition",
    "InvalidCapacity",
    "EngineBusy",
]


# --- Helpers ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Policy:
    alternatives: bool
    requires_approval: bool
    per_organisation_cap: int | None


DEFAULT_POLICY = Policy(alternatives=False, requires_approval=False, per_organisation_cap=None)


def policy_of(page: Page) -> Policy:
    """The registration policy of a page (its ``RegistrationPolicy`` fields), or the default."""
    specific = page.specific
    if not isinstance(specific, RegistrationPolicy):
        return DEFAULT_POLICY
    return Policy(
        alternatives=specific.dates_are_alternatives,
        requires_approval=specific.requires_approval,
        per_organisation_cap=specific.per_organisation_cap,
    )


def _check_page_rules(page: Page, user: User) -> None:
    """Rules of the page type beyond the policy, e.g. a meeting is for its community's
    members: the page's ``check_registration(user)`` raises a ``RegistrationError``."""
    check = getattr(page.specific, "check_registration", None)
    if callable(check):
        check(user)


#: PostgreSQL error codes worth a retry: the transaction was rolled back whole, so running it
#: again is safe (deadlock_detected, serialization_failure).
def _record(
    registration: Registration, from_status: str, actor: User | None, note: str = ""
) -> None:
    RegistrationEvent.objects.create(
        registration=registration,
        actor=actor,
        from_status=from_status,
        to_status=registration.status,
        note=note[:255],
    )


def _set_status(
    registration: Registration,
    status: str,
    actor: User | None,
    note: str = "",
    *,
    position: int | None = None,
) -> None:
    previous = registration.status
    registration.status = status
    registration.waitlist_position = position if status == Status.WAITLISTED else None
    registration.save(update_fields=["status", "waitlist_position", "updated_at"])
    _record(registration, previous, actor, note)


def _notify(kind: str, registration: Registration) -> None:
    """Enqueue the e-mail for after the commit (``events.tasks``): SMTP never fails a use case.
    A registration now waiting for approval tells the hosts too (``events.hosts``)."""
    tasks.enqueue_on_commit(tasks.send_registration_email, kind, registration.pk)
    if kind in ("pending", "promoted") and registration.status == Status.PENDING:
        tasks.enqueue_on_commit(tasks.send_host_pending_notice, registration.pk)


def seats_taken(session: Session) -> int:
    return session.registrations.filter(status__in=Registration.SEATED).count()


def _has_free_seat(session: Session) -> bool:
    return session.capacity is None or seats_taken(session) < session.capacity


def _anyone_waiting(session: Session) -> bool:
    return session.registrations.filter(status=Status.WAITLISTED).exists()


def _close_waitlist_gap(session: Session, position: int) -> None:
    """Move everyone behind ``position`` one place up (positions stay 1..n)."""
    Registration.objects.filter(
        session=session, status=Status.WAITLISTED, waitlist_position__gt=position
    ).update(waitlist_position=F("waitlist_position") - 1)


def _seat_status(policy: Policy) -> str:
    return Status.PENDING if policy.requires_approval else Status.CONFIRMED


# --- Use cases ----------------------------------------------------------------------------------


@engine_transaction
def register_for_session(
    session: Session | int, user: User, *, now: datetime | None = None
) -> Registration:
    """Register ``user`` for a session: confirmed (or pending approval) if a seat is free,
    waitlisted with a position otherwise. Raises a ``RegistrationError`` when a rule refuses."""
    if not user.is_authenticated:
        raise NotAMember()
    now = now or timezone.now()
    session_id = session if isinstance(session, int) else session.pk
    # What does not depend on the seats is read before the lock, so the sessions stay locked
    # for as few statements as possible (the page's policy, the person's organisation and the
    # page's own rules); refusals still come in the order people expect.
    page = Page.objects.get(sessions__pk=session_id).specific
    policy = policy_of(page)
    organisation = organisation_of(user)
    page_refusal = None
    try:
        _check_page_rules(page, user)
    except RegistrationError as error:
        page_refusal = error
    with transaction.atomic():
        # Alternative dates: lock all the page's sessions at once, in primary-key order.
        session = _lock_sessions(session_id, siblings=policy.alternatives, page_id=page.pk)
        if session.status != Session.Status.OPEN or not session.page.live:
            raise SessionNotOpen()
        if session.registration_opens_at and now < session.registration_opens_at:
            raise RegistrationNotYetOpen()
        if now > session.effective_deadline:
            raise DeadlinePassed()
        if organisation is None:
            raise NotAMember()
        if page_refusal is not None:
            raise page_refusal
        # One query for both "already registered" rules. With alternative dates the sibling
        # sessions are locked too, so two simultaneous requests of the same person for two
        # dates of the same offer cannot both pass.
        mine = set(
            Registration.objects.filter(
                session__page_id=session.page_id, user=user, status__in=Registration.ACTIVE
            ).values_list("session_id", flat=True)
        )
        if session.pk in mine:
            raise AlreadyRegistered()
        if policy.alternatives and mine:
            raise AlreadyRegisteredForOffer()
        if policy.per_organisation_cap is not None:
            same_organisation = session.registrations.filter(
                organisation=organisation, status__in=Registration.CANCELLABLE
            ).count()
            if same_organisation >= policy.per_organisation_cap:
                raise OrganisationCapReached()

        # Fair queue: people already waiting take any free seat first, in order; the newcomer
        # gets a seat only if one is left once nobody waits.
        seated, waiting, last = _seat_counts(session)
        if waiting and _free(session, seated):
            _promote(session, None)
            seated, waiting, last = _seat_counts(session)
        if not waiting and _free(session, seated):
            status, position = _seat_status(policy), None
        else:
            status, position = Status.WAITLISTED, (last or 0) + 1
        try:
            # No savepoint: a violation ends the whole use case anyway (rolled back).
            registration = Registration.objects.create(
                session=session,
                user=user,
                organisation=organisation,
                status=status,
                waitlist_position=position,
                created_at=now,
            )
        except IntegrityError as error:
            raise AlreadyRegistered() from error
        _record(registration, "", user)
        _notify(
            {
                Status.CONFIRMED: "registered",
                Status.PENDING: "pending",
                Status.WAITLISTED: "waitlisted",
            }[status],
            registration,
        )
        return registration


def _seat_counts(session: Session) -> tuple[int, int, int | None]:
    """Seats held, people waiting and the last waiting position, in one query."""
    counts = session.registrations.aggregate(
        seated=Count("pk", filter=Q(status__in=Registration.SEATED)),
        waiting=Count("pk", filter=Q(status=Status.WAITLISTED)),
        last=Max("waitlist_position"),
    )
    return counts["seated"], counts["waiting"], counts["last"]


def _free(session: Session, seated: int) -> bool:
    return session.capacity is None or seated < session.capacity


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


def _locked_registration(registration: Registration | int) -> tuple[Session, Registration]:
    registration_id = registration if isinstance(registration, int) else registration.pk
    session_id = Registration.objects.values_list("session_id", flat=True).get(pk=registration_id)
    session = _lock_session(session_id)
    # Re-read inside the lock: the state may have changed since the caller loaded it.
    fresh = Registration.objects.select_related("user").get(pk=registration_id)
    return session, fresh


@engine_transaction
def cancel_registration(
    registration: Registration | int, *, actor: User | None = None, note: str = ""
) -> Registration:
    """Cancel a registration (by the person or by the host). A freed seat goes to the first
    person on the waiting list in the same transaction."""
    with transaction.atomic():
        session, registration = _locked_registration(registration)
        if registration.status not in Registration.CANCELLABLE:
            raise InvalidTransition(_("This registration is no longer active."))
        by_host = actor is not None and actor.pk != registration.user_id
        if not by_host and session.starts_at <= timezone.now():
            raise InvalidTransition(_("The session has already started: it cannot be cancelled."))
        previous, position = registration.status, registration.waitlist_position
        _set_status(registration, Status.CANCELLED, actor, note)
        if previous == Status.WAITLISTED:
            _close_waitlist_gap(session, position)
        else:
            _promote(session, actor)
        if by_host:
            _notify("cancelled_by_host", registration)
        return registration


@engine_transaction
def approve_registration(registration: Registration | int, *, actor: User | None) -> Registration:
    """The host confirms a pending registration."""
    with transaction.atomic():
        _session, registration = _locked_registration(registration)
        if registration.status != Status.PENDING:
            raise InvalidTransition(_("Only a registration pending approval can be approved."))
        _set_status(registration, Status.CONFIRMED, actor)
        _notify("approved", registration)
        return registration


@engine_transaction
def decline_registration(
    registration: Registration | int, *, actor: User | None, note: str = ""
) -> Registration:
    """The host declines a pending or waitlisted registration; a freed seat is given on."""
    with transaction.atomic():
        session, registration = _locked_registration(registration)
        if registration.status not in (Status.PENDING, Status.WAITLISTED):
            raise InvalidTransition(
                _("Only a registration pending approval or on the waiting list can be declined.")
            )
        previous, position = registration.status, registration.waitlist_position
        _set_status(registration, Status.DECLINED, actor, note)
        if previous == Status.WAITLISTED:
            _close_waitlist_gap(session, position)
        else:
            _promote(session, actor)
        _notify("declined", registration)
        return registration


@engine_transaction
def mark_attendance(
    registration: Registration | int,
    *,
    attended: bool,
    actor: User | None,
    now: datetime | None = None,
) -> Registration:
    """Record whether a confirmed person came. Possible once the session has started."""
    now = now or timezone.now()
    with transaction.atomic():
        session, registration = _locked_registration(registration)
        if registration.status not in (Status.CONFIRMED, Status.ATTENDED, Status.NO_SHOW):
            raise InvalidTransition(_("Attendance is recorded for confirmed people only."))
        if session.starts_at > now:
            raise InvalidTransition(_("Attendance can be recorded once the session has started."))
        target = Status.ATTENDED if attended else Status.NO_SHOW
        if registration.status != target:
            _set_status(registration, target, actor)
        return registration


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


def answer_followup(registration: Registration, answer: str, *, now: datetime | None = None):
    """An attendee says whether her organisation adopted the practice presented."""
    if registration.status != Status.ATTENDED:
        raise InvalidTransition(_("Only people who attended the visit can answer."))
    if answer not in Registration.Answer.values:
        raise InvalidTransition(_("Choose one of the answers."))
    with transaction.atomic():
        registration.followup_answer = answer
        registration.followup_answered_at = now or timezone.now()
        registration.save(update_fields=["followup_answer", "followup_answered_at", "updated_at"])
        if answer == Registration.Answer.YES:
            _record_adoption(registration)
    return registration


def _record_adoption(registration: Registration) -> None:
    """Hook for the practices app: a yes adds the organisation to the practice's adopters."""
    page = registration.session.page.specific
    record = getattr(page, "record_adoption", None)
    if callable(record) and registration.organisation_id:
        record(registration)


# --- Permissions --------------------------------------------------------------------------------


def can_manage_page(user: User, page: Page) -> bool:
    """Platform staff, or an editor/admin (confirmed) of the organisation owning the page."""
    if not user.is_authenticated:
        return False
    if is_platform_staff(user):
        return True
    organisation_id = getattr(page.specific, "organisation_id", None)
    return organisation_id is not None and can_edit_owned_page(user, organisation_id)


def managed_organisation_ids(user: User) -> list[int] | None:
    """Organisations whose sessions the person manages; None means all (platform staff)."""
    if is_platform_staff(user):
        return None
    return sorted(editable_organisation_ids(user))
