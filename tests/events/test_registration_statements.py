"""What one registration costs the database (issue 14, throughput): the statements of
``register_for_session`` are pinned, and a newcomer who only joins the waiting list schedules
no search-index update (the free-seat figure is unchanged)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from events import locking, services
from tests.events.factories import make_offer, make_session, member_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def scheduled(monkeypatch):
    calls = []
    monkeypatch.setattr(locking, "schedule_update", lambda page, fields: calls.append(page.pk))
    return calls


def test_a_seat_taken_schedules_the_new_free_seat_figure(scheduled):
    session = make_session(make_offer(), capacity=2)
    services.register_for_session(session, member_of())
    assert scheduled == [session.page_id]


def test_joining_the_waiting_list_schedules_no_index_update(scheduled):
    session = make_session(make_offer(), capacity=1)
    services.register_for_session(session, member_of())
    scheduled.clear()
    registration = services.register_for_session(session, member_of())
    assert registration.status == "waitlisted"
    assert scheduled == []


def test_a_waiting_person_promoted_by_a_newcomer_still_updates_the_index(scheduled):
    session = make_session(make_offer(), capacity=1)
    first = services.register_for_session(session, member_of())
    services.register_for_session(session, member_of())  # waiting
    # A seat frees up without the engine promoting (as an admin edit would): the next
    # newcomer's use case promotes the waiting person first, so the seats change.
    type(first).objects.filter(pk=first.pk).update(status="cancelled")
    scheduled.clear()
    services.register_for_session(session, member_of())
    assert scheduled == [session.page_id]


@pytest.mark.parametrize(("capacity", "most"), [(5, 9), (0, 9)])
def test_statements_of_one_registration_are_pinned(scheduled, capacity, most):
    """The engine's own statements (the index update is a task of its own): the specific
    page read once (its policy), the person's organisation, the questions, then in the
    transaction the lock, one count, the registration and its history (the test runs inside
    a transaction: a savepoint and its release stand for BEGIN and COMMIT)."""
    session = make_session(make_offer(), capacity=capacity)
    services.register_for_session(session, member_of())  # warm caches (content types)
    person = member_of()
    with CaptureQueriesContext(connection) as queries:
        services.register_for_session(session.pk, person)
    statements = [q["sql"] for q in queries.captured_queries]
    if connection.vendor == "postgresql":
        most += 1  # SET LOCAL lock_timeout
    assert len(statements) <= most, "\n".join(statements)
    # Seats and "already registered" are read together, once.
    assert sum("COUNT(" in sql for sql in statements) == 1
