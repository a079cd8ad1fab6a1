"""Change date in one step keeping the current seat until the new one is secured; hand a
seat to a confirmed colleague of the same organisation, both told."""

import pytest
from django.core import mail
from django.urls import reverse

from events import services
from events.models import Registration
from members.models import Membership
from tests.events.factories import make_offer, make_session, member_of
from tests.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db
Status = Registration.Status


@pytest.fixture
def dates():
    offer = make_offer(dates_mode="alternatives")
    return (
        offer,
        make_session(offer, capacity=1, days_ahead=10),
        make_session(offer, capacity=1, days_ahead=20),
    )


def test_change_date_moves_the_seat_and_frees_the_old_one(
    client, dates, django_capture_on_commit_callbacks
):
    offer, first, second = dates
    person = member_of()
    registration = services.register_for_session(first, person)
    waiting = services.register_for_session(first, member_of())
    client.force_login(person)
    page = client.get(reverse("events:change_registration", args=[registration.pk]))
    assert page.status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("events:change_registration", args=[registration.pk]),
            {"action": "change_date", "session": second.pk},
        )
    assert response.status_code == 302
    registration.refresh_from_db()
    waiting.refresh_from_db()
    assert registration.status == Status.CANCELLED
    assert Registration.objects.get(session=second, user=person).status == Status.CONFIRMED
    assert waiting.status == Status.CONFIRMED  # the freed seat went to the queue


def test_change_date_to_a_full_date_keeps_the_current_seat(dates):
    offer, first, second = dates
    person = member_of()
    registration = services.register_for_session(first, person)
    services.register_for_session(second, member_of())
    with pytest.raises(services.InvalidTransition):
        services.change_date(registration, second, actor=person)
    registration.refresh_from_db()
    assert registration.status == Status.CONFIRMED


def test_transfer_to_a_colleague_tells_both(client, dates, django_capture_on_commit_callbacks):
    offer, first, _second = dates
    organisation = OrganisationFactory()
    person = member_of(organisation)
    colleague = member_of(organisation)
    registration = services.register_for_session(first, person)
    client.force_login(person)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("events:change_registration", args=[registration.pk]),
            {"action": "transfer", "email": colleague.email.upper()},
        )
    assert response.status_code == 302
    registration.refresh_from_db()
    assert registration.status == Status.CANCELLED
    assert Registration.objects.get(session=first, user=colleague).status == Status.CONFIRMED
    assert {tuple(m.to) for m in mail.outbox} == {(person.email,), (colleague.email,)}


@pytest.mark.parametrize("who", ["other_organisation", "pending_member", "unknown"])
def test_transfer_only_to_a_confirmed_member_of_the_same_organisation(client, dates, who):
    offer, first, _second = dates
    organisation = OrganisationFactory()
    person = member_of(organisation)
    registration = services.register_for_session(first, person)
    if who == "other_organisation":
        email = member_of().email
    elif who == "pending_member":
        pending = UserFactory()
        Membership.objects.create(
            user=pending, organisation=organisation, status=Membership.Status.PENDING
        )
        email = pending.email
    else:
        email = "nessuno@example.org"
    client.force_login(person)
    response = client.post(
        reverse("events:change_registration", args=[registration.pk]),
        {"action": "transfer", "email": email},
    )
    assert response.status_code in (400, 409)
    registration.refresh_from_db()
    assert registration.status == Status.CONFIRMED
