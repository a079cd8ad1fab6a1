"""What the engine's use cases share: the page's registration policy, the history record, the
state change, the e-mails enqueued after the commit and the seat counts. Sessions must be locked
(``events.locking``) by the caller before anything here counts or changes seats."""

from __future__ import annotations

import functools
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, F, Max, Q
from wagtail.models import Page

from events import tasks
from events.locking import _lock_session
from events.models import Registration, RegistrationEvent, RegistrationPolicy, Session
from members.models import User

Status = Registration.Status


@dataclass(frozen=True)
class Policy:
    alternatives: bool
    requires_approval: bool
    per_organisation_cap: int | None
    min_participants: int | None = None
    #: Hours a seat offered from the waiting list is held; None: promote at once.
    offer_hours: int | None = None


DEFAULT_POLICY = Policy(alternatives=False, requires_approval=False, per_organisation_cap=None)


@functools.lru_cache(maxsize=4096)
def _page_key_of_session(session_id: int) -> tuple[int, int]:
    """``(page id, page content type id)`` of a session: facts that never change (a session
    stays on its page, a page keeps its type), so each process reads them once."""
    return Session.objects.values_list("page_id", "page__content_type_id").get(pk=session_id)


def specific_page_of_session(session_id: int) -> Page:
    """The session's page as its own type, in one query (``Page.objects.get(...).specific``
    reads the page twice: the base row, then the specific one)."""
    page_id, content_type_id = _page_key_of_session(session_id)
    try:
        model = ContentType.objects.get_for_id(content_type_id).model_class() or Page
    except ContentType.DoesNotExist:  # a database rebuilt under a running process (tests)
        model = None
    # The join checks the remembered pair still holds (SQLite may reuse the id of a row
    # rolled back); if not, it is read afresh.
    page = model and model.objects.filter(pk=page_id, sessions__pk=session_id).first()
    if page is None:
        _page_key_of_session.cache_clear()
        return Page.objects.get(sessions__pk=session_id).specific
    return page


def policy_of(page: Page) -> Policy:
    """The registration policy of a page (its ``RegistrationPolicy`` fields), or the default."""
    specific = page.specific
    if not isinstance(specific, RegistrationPolicy):
        return DEFAULT_POLICY
    return Policy(
        alternatives=specific.dates_are_alternatives,
        requires_approval=specific.requires_approval,
        per_organisation_cap=specific.per_organisation_cap,
        min_participants=specific.min_participants,
        offer_hours=specific.offer_hours
        if specific.waitlist_mode == RegistrationPolicy.WaitlistMode.OFFER
        else None,
    )


def _check_page_rules(page: Page, user: User) -> None:
    """Rules of the page type beyond the policy, e.g. a meeting is for its community's
    members: the page's ``check_registration(user)`` raises a ``RegistrationError``."""
    check = getattr(page.specific, "check_registration", None)
    if callable(check):
        check(user)


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


def _locked_registration(registration: Registration | int) -> tuple[Session, Registration]:
    registration_id = registration if isinstance(registration, int) else registration.pk
    session_id = Registration.objects.values_list("session_id", flat=True).get(pk=registration_id)
    session = _lock_session(session_id)
    # Re-read inside the lock: the state may have changed since the caller loaded it.
    fresh = Registration.objects.select_related("user").get(pk=registration_id)
    return session, fresh
