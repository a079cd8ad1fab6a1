"""200 people register at the same moment for 20 seats: never overbooked, nobody errors.

Real threads, each with its own database connection (closed at the end of the thread). On
PostgreSQL the session row lock serialises the seat count; on SQLite the IMMEDIATE transaction
does. PostgreSQL allows 100 connections by default, so at most 40 threads hold one at a time;
all 200 are started together behind a barrier.
"""

import threading
import time

import pytest
from django.db import connection, connections

from events import services
from events.models import Registration
from members.models import Membership, User
from tests.events.factories import make_offer, make_session
from tests.factories import OrganisationFactory

PEOPLE = 200
SEATS = 20


@pytest.mark.django_db(transaction=True)
def test_200_people_register_at_once_for_20_seats():
    offer = make_offer()
    session = make_session(offer, capacity=SEATS)
    organisation = OrganisationFactory()
    users = User.objects.bulk_create(
        [User(email=f"racer{n}@comune.example.it", full_name=f"Persona {n}") for n in range(PEOPLE)]
    )
    Membership.objects.bulk_create(
        [Membership(user=u, organisation=organisation, status="confirmed") for u in users]
    )
    connection.close()

    barrier = threading.Barrier(PEOPLE)
    slots = threading.BoundedSemaphore(40)
    errors: list[BaseException] = []

    def register(user):
        barrier.wait()
        with slots:
            try:
                services.register_for_session(session.pk, user)
            except BaseException as error:  # noqa: BLE001 - the test reports every failure
                errors.append(error)
            finally:
                connections.close_all()

    started = time.monotonic()
    threads = [threading.Thread(target=register, args=(u,)) for u in users]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    elapsed = time.monotonic() - started

    assert errors == []
    statuses = list(session.registrations.values_list("status", flat=True))
    assert len(statuses) == PEOPLE
    assert statuses.count(Registration.Status.CONFIRMED) == SEATS
    assert statuses.count(Registration.Status.WAITLISTED) == PEOPLE - SEATS
    positions = sorted(
        session.registrations.filter(status="waitlisted").values_list(
            "waitlist_position", flat=True
        )
    )
    assert positions == list(range(1, PEOPLE - SEATS + 1))
    assert elapsed < 60
