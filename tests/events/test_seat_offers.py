"""Waiting-list offers with a deadline: the first person waiting is offered the seat for N hours
(it is held), accepts or declines with a signed link; on decline or expiry it passes on."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from events import services
from events.models import Registration
from tests.events.factories import make_offer, make_session, member_of

pytestmark = pytest.mark.django_db
Status = Registration.Status


@pytest.fixture
def full(django_capture_on_commit_callbacks):
    offer = make_offer(waitlist_mode="offer", offer_hours=24)
    session = make_session(offer, capacity=1)
    seated = services.register_for_session(session, member_of())
    first = services.register_for_session(session, member_of())
    second = services.register_for_session(session, member_of())
    return session, seated, first, second


def refresh(*registrations):
    for registration in registrations:
        registration.refresh_from_db()


def test_a_freed_seat_is_offered_held_and_accepted(
    client, full, django_capture_on_commit_callbacks
):
    session, seated, first, second = full
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.cancel_registration(seated, actor=seated.user)
    refresh(first, second)
    assert first.status == Status.OFFERED
    assert first.offer_expires_at == pytest.approx(
        timezone.now() + timedelta(hours=24), abs=timedelta(minutes=1)
    )
    # The offer holds the seat: a newcomer queues behind.
    newcomer = services.register_for_session(session, member_of())
    assert newcomer.status == Status.WAITLISTED
    [offer_mail] = [m for m in mail.outbox if m.to == [first.user.email]]
    # The link is signed with the time it was made: read it from the e-mail itself.
    link = re.search(r"/eventi/posto-offerto/[^/\s]+/", offer_mail.body).group(0)
    assert client.get(link).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(link, {"action": "accept"})
    assert response.status_code == 302
    refresh(first)
    assert first.status == Status.CONFIRMED
    assert client.post(link, {"action": "accept"}).status_code == 409


def test_decline_passes_the_offer_to_the_next(client, full):
    session, seated, first, second = full
    services.cancel_registration(seated, actor=seated.user)
    refresh(first)
    client.post(first.seat_offer_url, {"action": "decline"})
    refresh(first, second)
    assert first.status == Status.DECLINED
    assert second.status == Status.OFFERED


def test_an_expired_offer_passes_on_by_the_reconciler(full):
    session, seated, first, second = full
    services.cancel_registration(seated, actor=seated.user)
    with time_machine.travel(timezone.now() + timedelta(hours=25)):
        services.fill_free_seats()
    refresh(first, second)
    assert first.status == Status.CANCELLED
    assert second.status == Status.OFFERED


def test_a_forged_token_is_404(client):
    assert client.get(reverse("events:seat_offer", args=["nope"])).status_code == 404


def test_promote_at_once_stays_the_default():
    session = make_session(make_offer(), capacity=1)
    seated = services.register_for_session(session, member_of())
    waiting = services.register_for_session(session, member_of())
    services.cancel_registration(seated, actor=seated.user)
    waiting.refresh_from_db()
    assert waiting.status == Status.CONFIRMED
