"""The engine's one locking helper: alternative dates under load on PostgreSQL, and a database
refusal answered as 409 "busy, try again", never a 500."""

import threading

import pytest
from django.db import OperationalError, connection, connections
from django.urls import reverse

from events import services
from events.models import Registration, RegistrationPolicy
from events.services import registrations
from members.models import Membership, User
from tests.events.factories import make_offer, make_session
from tests.factories import OrganisationFactory

PEOPLE = 60
SEATS = 20


@pytest.mark.django_db(transaction=True)
def test_60_people_register_at_once_for_two_alternative_dates():
    if connection.vendor != "postgresql":
        pytest.skip("row locks, lock_timeout and deadlocks exist on PostgreSQL only")
    offer = make_offer(dates_mode=RegistrationPolicy.DatesMode.ALTERNATIVES)
    first = make_session(offer, capacity=SEATS, days_ahead=10)
    second = make_session(offer, capacity=SEATS, days_ahead=20)
    organisation = OrganisationFactory()
    users = User.objects.bulk_create(
        [User(email=f"alt{n}@comune.example.it", full_name=f"Persona {n}") for n in range(PEOPLE)]
    )
    Membership.objects.bulk_create(
        [Membership(user=u, organisation=organisation, status="confirmed") for u in users]
    )
    connection.close()

    barrier = threading.Barrier(PEOPLE * 2)
    slots = threading.BoundedSemaphore(40)
    errors: list[BaseException] = []
    refused: list[services.RegistrationError] = []

    def register(user, session):
        barrier.wait()
        with slots:
            try:
                services.register_for_session(session.pk, user)
            except services.AlreadyRegisteredForOffer as error:
                refused.append(error)
            except BaseException as error:  # noqa: BLE001 - the test reports every failure
                errors.append(error)
            finally:
                connections.close_all()

    # Everyone asks for both dates at the same moment: exactly one of the two succeeds.
    threads = [
        threading.Thread(target=register, args=(u, s)) for u in users for s in (first, second)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert errors == []
    assert len(refused) == PEOPLE
    active = Registration.objects.filter(status__in=Registration.ACTIVE)
    assert active.count() == PEOPLE
    assert active.values("user").distinct().count() == PEOPLE
    for session in (first, second):
        seated = session.registrations.filter(status__in=Registration.SEATED).count()
        assert seated <= SEATS
        waiting = session.registrations.filter(status=Registration.Status.WAITLISTED)
        positions = sorted(waiting.values_list("waitlist_position", flat=True))
        assert positions == list(range(1, len(positions) + 1))
        if positions:  # nobody waits while a seat of that date is free
            assert seated == SEATS


def test_a_database_refusal_is_a_409_busy_not_a_500(client, session, person, monkeypatch):
    def refuse(*args, **kwargs):
        raise OperationalError("canceling statement due to lock timeout")

    monkeypatch.setattr(Registration.objects, "create", refuse)
    client.force_login(person)
    response = client.post(reverse("events:register", args=[session.pk]))
    assert response.status_code == 409
    assert "Riprova tra un momento" in response.content.decode()
    assert not Registration.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_a_deadlock_is_retried_then_succeeds(session, person, monkeypatch):
    calls = []
    real = services._lock_sessions

    class Deadlock(Exception):
        sqlstate = "40P01"

    def flaky(*args, **kwargs):
        calls.append(1)
        if len(calls) == 1:
            raise OperationalError("deadlock detected") from Deadlock()
        return real(*args, **kwargs)

    monkeypatch.setattr(registrations, "_lock_sessions", flaky)
    registration = services.register_for_session(session.pk, person)
    assert registration.status == Registration.Status.CONFIRMED
    assert len(calls) == 2
