"""Where a person stands for each session of a page, as the button shows it: the one function
that says, before she clicks, whether the engine would take her registration and, if not, why
and what to do (sign in, ask for her organisation's confirmation, join the community, ask a
colleague when the organisation's cap is reached, join the waiting list). The templates only
show what this computes; ``register_for_session`` applies the same rules under the lock."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, Q
from django.utils import timezone
from wagtail.models import Page

from events.errors import NotInCommunity, RegistrationError
from events.models import Registration, RegistrationQuestion, Session
from events.selectors import free_seats, with_counts
from events.services._common import _check_page_rules, policy_of
from members.models import Membership


@dataclass
class SessionState:
    """Where the person stands for one session."""

    session: Session
    free_seats: int | None
    waitlist_length: int
    registration: Registration | None
    #: "available", "full", a registration status, or why she cannot register:
    #: "sign_in", "not_member", "membership_pending", "join_community", "page_refused",
    #: "organisation_full", "other_date", "deadline_passed", "not_yet_open", "closed",
    #: "session_cancelled".
    state: str
    #: "register", "waitlist", "cancel" or "" (no button).
    action: str = ""
    #: The page asks questions before registering: the button leads to them (a GET).
    asks_questions: bool = False
    #: The page's own refusal, in words (state "page_refused").
    message: str = ""


def session_states_for(page: Page, user, *, now: datetime | None = None) -> list[SessionState]:
    """The sessions of a page with seats, waiting list and the person's state (2 queries for
    a visitor; a few more, not one per session, for a signed-in person)."""
    now = now or timezone.now()
    sessions = list(with_counts(Session.objects.filter(page=page)).order_by("starts_at", "pk"))
    for session in sessions:
        session.page = page  # no query per session when templates print it
    mine: dict[int, Registration] = {}
    who = None
    policy = policy_of(page)
    if user.is_authenticated and sessions:
        for registration in Registration.objects.filter(
            user=user, session__in=sessions, status__in=Registration.ACTIVE
        ):
            mine[registration.session_id] = registration
        who = _who(page, user, sessions, policy)
    states = []
    for session in sessions:
        registration = mine.get(session.pk)
        state, action = _state_of(session, registration, user, now)
        message = ""
        if action in ("register", "waitlist") and who is not None:
            refusal = who.refusal(session, mine, policy.alternatives)
            if refusal:
                state, action, message = refusal[0], "", refusal[1]
        states.append(
            SessionState(
                session,
                free_seats(session),
                session.waitlist_length,
                registration,
                state,
                action,
                asks_questions=bool(who and who.asks_questions),
                message=message,
            )
        )
    return states


@dataclass
class _Who:
    membership: str  # "confirmed", "pending" or ""
    page_refusal: RegistrationError | None
    organisation_counts: dict[int, int]
    cap: int | None
    asks_questions: bool

    def refusal(self, session, mine, alternatives) -> tuple[str, str] | None:
        if self.membership == "pending":
            return "membership_pending", ""
        if self.membership != "confirmed":
            return "not_member", ""
        if self.page_refusal is not None:
            if isinstance(self.page_refusal, NotInCommunity):
                return "join_community", str(self.page_refusal.message)
            return "page_refused", str(self.page_refusal.message)
        if alternatives and any(other != session.pk for other in mine):
            return "other_date", ""
        if self.cap is not None and self.organisation_counts.get(session.pk, 0) >= self.cap:
            return "organisation_full", ""
        return None


def _who(page, user, sessions, policy) -> _Who:
    membership = (
        Membership.objects.filter(user=user, status__in=Membership.ACTIVE_STATUSES)
        .order_by("status")  # "confirmed" < "pending": a confirmed one wins
        .values("status", "organisation_id")
        .first()
    )
    status = ""
    organisation_id = None
    if membership:
        status = "confirmed" if membership["status"] == Membership.Status.CONFIRMED else "pending"
        organisation_id = membership["organisation_id"] if status == "confirmed" else None
    page_refusal = None
    try:
        _check_page_rules(page, user)
    except RegistrationError as error:
        page_refusal = error
    counts: dict[int, int] = {}
    if policy.per_organisation_cap is not None and organisation_id is not None:
        counts = dict(
            Session.objects.filter(pk__in=[s.pk for s in sessions])
            .annotate(
                mine=Count(
                    "registrations",
                    filter=Q(
                        registrations__organisation_id=organisation_id,
                        registrations__status__in=Registration.CANCELLABLE,
                    ),
                )
            )
            .values_list("pk", "mine")
        )
    return _Who(
        membership=status,
        page_refusal=page_refusal,
        organisation_counts=counts,
        cap=policy.per_organisation_cap,
        asks_questions=RegistrationQuestion.objects.filter(page=page).exists(),
    )


def _state_of(session: Session, registration: Registration | None, user, now) -> tuple[str, str]:
    if registration is not None:
        action = "cancel" if registration.status in Registration.CANCELLABLE else ""
        if session.starts_at <= now:
            action = ""
        return registration.status, action
    if session.status == Session.Status.CANCELLED:
        return "session_cancelled", ""
    if session.status == Session.Status.CLOSED or session.ends_at < now:
        return "closed", ""
    if session.registration_opens_at and now < session.registration_opens_at:
        return "not_yet_open", ""
    if now > session.effective_deadline:
        return "deadline_passed", ""
    if not user.is_authenticated:
        return "sign_in", ""
    if session.capacity is not None and session.seats_taken >= session.capacity:
        return "full", "waitlist"
    return "available", "register"
