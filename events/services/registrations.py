"""The person's and the host's use cases on one registration: register, cancel, approve,
decline, attendance and the follow-up answer."""

from __future__ import annotations

from datetime import datetime

from django.db import IntegrityError, transaction
from django.db.models import Count, Max, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from events.errors import (
    AlreadyRegistered,
    AlreadyRegisteredForOffer,
    AnswersRequired,
    DeadlinePassed,
    InvalidTransition,
    NotAMember,
    OrganisationCapReached,
    RegistrationError,
    RegistrationNotYetOpen,
    SessionNotOpen,
)
from events.locking import _lock_sessions, _seats_unchanged, engine_transaction
from events.models import Registration, RegistrationQuestion, Session
from events.services._common import (
    Status,
    _check_page_rules,
    _close_waitlist_gap,
    _free,
    _locked_registration,
    _notify,
    _record,
    _seat_counts,
    _seat_status,
    _set_status,
    policy_of,
    specific_page_of_session,
)
from events.services.waitlist import _promote
from members.models import User
from members.services import organisation_of


def _counts_for_newcomer(session: Session, user: User) -> dict:
    """In one query over the registrations of the session's page: whether ``user`` is
    already registered for this session or another date of it, and the session's seats held,
    people waiting and last waiting position. The session must be locked."""
    here = Q(session_id=session.pk)
    mine = Q(user=user, status__in=Registration.ACTIVE)
    return Registration.objects.filter(session__page_id=session.page_id).aggregate(
        mine_here=Count("pk", filter=mine & here),
        mine_elsewhere=Count("pk", filter=mine & ~here),
        seated=Count("pk", filter=here & Q(status__in=Registration.SEATED)),
        waiting=Count("pk", filter=here & Q(status=Status.WAITLISTED)),
        last=Max("waitlist_position", filter=here),
    )


@engine_transaction
def register_for_session(
    session: Session | int,
    user: User,
    *,
    now: datetime | None = None,
    answers: list[dict] | None = None,
) -> Registration:
    """Register ``user`` for a session: confirmed (or pending approval) if a seat is free,
    waitlisted with a position otherwise. Raises a ``RegistrationError`` when a rule refuses.
    ``answers`` are the cleaned answers to the page's registration questions
    (``events.forms.RegistrationAnswersForm.answers``); a required one left empty refuses."""
    if not user.is_authenticated:
        raise NotAMember()
    now = now or timezone.now()
    session_id = session if isinstance(session, int) else session.pk
    # What does not depend on the seats is read before the lock, so the sessions stay locked
    # for as few statements as possible (the page's policy, the person's organisation and the
    # page's own rules); refusals still come in the order people expect.
    page = specific_page_of_session(session_id)
    policy = policy_of(page)
    organisation = organisation_of(user)
    page_refusal = None
    try:
        _check_page_rules(page, user)
    except RegistrationError as error:
        page_refusal = error
    answers = _checked_answers(page, answers)
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
        # One query for both "already registered" rules and the seat counts. With
        # alternative dates the sibling sessions are locked too, so two simultaneous requests
        # of the same person for two dates of the same offer cannot both pass.
        counts = _counts_for_newcomer(session, user)
        if counts["mine_here"]:
            raise AlreadyRegistered()
        if policy.alternatives and counts["mine_elsewhere"]:
            raise AlreadyRegisteredForOffer()
        if policy.per_organisation_cap is not None:
            same_organisation = session.registrations.filter(
                organisation=organisation, status__in=Registration.CANCELLABLE
            ).count()
            if same_organisation >= policy.per_organisation_cap:
                raise OrganisationCapReached()

        # Fair queue: people already waiting take any free seat first, in order; the newcomer
        # gets a seat only if one is left once nobody waits.
        seated, waiting, last = counts["seated"], counts["waiting"], counts["last"]
        promoted = bool(waiting and _free(session, seated))
        if promoted:
            _promote(session, None)
            seated, waiting, last = _seat_counts(session)
        if not waiting and _free(session, seated):
            status, position = _seat_status(policy), None
        else:
            status, position = Status.WAITLISTED, (last or 0) + 1
            if not promoted:
                # The free-seat figure is what it was: no index update for it.
                _seats_unchanged(session.page_id)
        try:
            # No savepoint: a violation ends the whole use case anyway (rolled back).
            registration = Registration.objects.create(
                session=session,
                user=user,
                organisation=organisation,
                status=status,
                waitlist_position=position,
                created_at=now,
                answers=answers,
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
        elif actor is not None:  # she cancelled: an e-mail confirms it (not an account deleted)
            _notify("cancelled", registration)
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


def _checked_answers(page: Page, answers: list[dict] | None) -> list[dict]:
    """The answers kept on the registration: one per question of the page, every required
    one given (a required consent ticked). The form validated them; this is the engine's own
    guard for any other caller."""
    questions = list(RegistrationQuestion.objects.filter(page=page).order_by("sort_order", "pk"))
    given = {answer.get("question"): answer for answer in answers or []}
    kept = []
    for question in questions:
        value = str(given.get(question.pk, {}).get("value", "")).strip()
        if question.required and not value:
            raise AnswersRequired()
        kept.append(
            {
                "question": question.pk,
                "label": str(question.text),
                "kind": question.kind,
                "value": value[:2000],
            }
        )
    return kept


@engine_transaction
def change_date(
    registration: Registration | int, to_session: Session | int, *, actor: User
) -> Registration:
    """Move a registration to another date of the same page, as one step: the new seat is
    taken first and the current one is let go only then (to the next person waiting), so she
    never ends with neither. Refused, keeping what she has, when the new date has no free seat
    (or people wait for it), is closed, or its deadline passed."""
    registration_id = registration if isinstance(registration, int) else registration.pk
    to_id = to_session if isinstance(to_session, int) else to_session.pk
    current = Registration.objects.select_related("session").get(pk=registration_id)
    page = Page.objects.get(pk=current.session.page_id).specific
    policy = policy_of(page)
    now = timezone.now()
    with transaction.atomic():
        # Every date of the page, in primary-key order: the one locking rule of the engine.
        _lock_sessions(current.session_id, siblings=True, page_id=page.pk)
        session, current = _locked_registration(registration_id)
        target = Session.objects.get(pk=to_id)
        if actor.pk != current.user_id:
            raise InvalidTransition(_("Only the person registered can change her date."))
        if target.page_id != session.page_id or target.pk == session.pk:
            raise InvalidTransition(_("Choose another date of the same exchange."))
        if current.status not in (Status.CONFIRMED, Status.PENDING):
            raise InvalidTransition(_("Only a registration with a seat can change date."))
        if target.status != Session.Status.OPEN or now > target.effective_deadline:
            raise SessionNotOpen()
        if Registration.objects.filter(
            session=target, user=current.user, status__in=Registration.ACTIVE
        ).exists():
            raise AlreadyRegistered()
        seated, waiting, _last = _seat_counts(target)
        if waiting or not _free(target, seated):
            raise InvalidTransition(_("That date has no free seat: you keep your current one."))
        moved = Registration.objects.create(
            session=target,
            user=current.user,
            organisation=current.organisation,
            status=_seat_status(policy),
            created_at=now,
            answers=current.answers,
        )
        _record(moved, "", actor, note=f"changed date from session {session.pk}")
        _set_status(current, Status.CANCELLED, actor, note=f"changed date to session {target.pk}")
        _promote(session, None)
        _notify("date_changed", moved)
        return moved


@engine_transaction
def transfer_registration(
    registration: Registration | int, to_user: User, *, actor: User
) -> Registration:
    """Hand one's seat to a confirmed member of the same organisation: her registration takes
    the seat (same state), the giver's is cancelled; both are told. No seat goes free, so the
    waiting list is not involved."""
    registration_id = registration if isinstance(registration, int) else registration.pk
    with transaction.atomic():
        session, current = _locked_registration(registration_id)
        if actor.pk != current.user_id:
            raise InvalidTransition(_("Only the person registered can hand over her seat."))
        if current.status not in (Status.CONFIRMED, Status.PENDING):
            raise InvalidTransition(_("Only a registration with a seat can be handed over."))
        if session.starts_at <= timezone.now():
            raise InvalidTransition(_("The session has already started."))
        if to_user.pk == actor.pk or organisation_of(to_user) != current.organisation:
            raise InvalidTransition(
                _("The seat can go only to a confirmed member of your organisation.")
            )
        if Registration.objects.filter(
            session__page_id=session.page_id, user=to_user, status__in=Registration.ACTIVE
        ).exists():
            raise InvalidTransition(_("Your colleague is already registered for this exchange."))
        received = Registration.objects.create(
            session=session,
            user=to_user,
            organisation=current.organisation,
            status=current.status,
        )
        _record(received, "", actor, note=f"seat handed over by {actor.pk}")
        _set_status(current, Status.CANCELLED, actor, note=f"seat handed over to {to_user.pk}")
        _notify("transferred_out", current)
        _notify("transferred_in", received)
        return received
