"""Two membership requests of one person at the same moment (a double click, two tabs): one
membership stays active and the other request gets an answer in words, never a 500."""

import threading

import pytest
from django.db import connections
from django.urls import reverse
from django.utils import translation

from members import services
from members.models import Membership
from tests.factories import UserFactory


def _at_once(*calls):
    """Run the calls in real threads (each with its own connection) released together."""
    barrier = threading.Barrier(len(calls))
    outcomes: list = [None] * len(calls)

    def run(index, call):
        barrier.wait()
        try:
            outcomes[index] = call()
        except BaseException as error:  # noqa: BLE001 - the test looks at every outcome
            outcomes[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(n, c)) for n, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return outcomes


@pytest.mark.django_db(transaction=True)
def test_two_requests_for_the_same_organisation_at_once_give_one_membership(cesena):
    person = UserFactory()
    outcomes = _at_once(
        lambda: services.request_membership(person, cesena),
        lambda: services.request_membership(person, cesena),
    )
    assert all(isinstance(outcome, Membership) for outcome in outcomes), outcomes
    assert outcomes[0].pk == outcomes[1].pk
    assert Membership.objects.filter(user=person).count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_requests_for_different_organisations_at_once_leave_one_active(cesena, monza):
    person = UserFactory()
    outcomes = _at_once(
        lambda: services.request_membership(person, cesena),
        lambda: services.request_membership(person, monza),
    )
    assert all(isinstance(outcome, Membership) for outcome in outcomes), outcomes
    active = Membership.objects.filter(user=person, status__in=Membership.ACTIVE_STATUSES)
    assert active.count() == 1
    assert Membership.objects.filter(user=person, status="ended").count() == 1


@pytest.mark.django_db
def test_a_race_caught_by_the_unique_constraint_is_answered_in_words(cesena, monza, monkeypatch):
    """The path where the lock did not serialise the two requests: the other one's row is
    already there when this one inserts, and the database constraint refuses the second."""
    person = UserFactory()
    services.request_membership(person, cesena)
    real_lookup = services._active_membership_for_update
    calls = iter([None])
    monkeypatch.setattr(
        services,
        "_active_membership_for_update",
        lambda user: next(calls, real_lookup(user)),
    )
    with pytest.raises(services.ConcurrentMembershipRequest) as caught:
        services.request_membership(person, monza)
    assert caught.value.status_code == 409
    assert "stesso momento" in str(caught.value.message)
    with translation.override("en"):
        assert "same moment" in str(caught.value.message)
    assert services.active_membership(person).organisation == cesena


@pytest.mark.django_db
def test_a_race_for_the_same_organisation_returns_the_winner(cesena, monkeypatch):
    person = UserFactory()
    winner = services.request_membership(person, cesena)
    real_lookup = services._active_membership_for_update
    calls = iter([None])
    monkeypatch.setattr(
        services,
        "_active_membership_for_update",
        lambda user: next(calls, real_lookup(user)),
    )
    assert services.request_membership(person, cesena) == winner


@pytest.mark.django_db
def test_the_profile_page_shows_the_race_message(client, cesena, monza, monkeypatch):
    person = UserFactory()
    services.request_membership(person, cesena)
    monkeypatch.setattr(services, "_active_membership_for_update", lambda user: None)
    client.force_login(person)
    response = client.post(
        reverse("members:profile_organisation"),
        {"organisation": monza.pk},
        HTTP_ACCEPT_LANGUAGE="it",
    )
    assert response.status_code == 200
    assert "stesso momento" in response.content.decode()
