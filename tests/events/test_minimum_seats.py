"""Minimum and maximum seats: hosts are warned when the deadline nears under the minimum and
can move or cancel the session through the engine, with everyone told."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from events import services
from events.hosts import send_minimum_warnings
from events.models import Registration, Session
from members.models import Membership
from tests.events.factories import make_offer, make_session, member_of
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def under():
    organisation = OrganisationFactory()
    host = member_of(organisation, role=Membership.Role.EDITOR)
    offer = make_offer(organisation, min_participants=4)
    session = make_session(offer, capacity=5, days_ahead=5)
    registration = services.register_for_session(session, member_of())
    return host, offer, session, registration


def test_hosts_are_warned_once_when_the_deadline_nears_under_the_minimum(under):
    host, offer, session, _registration = under
    far = make_session(offer, capacity=5, days_ahead=40)
    mail.outbox.clear()
    assert send_minimum_warnings() == 1
    [message] = [m for m in mail.outbox if m.to == [host.email]]
    assert offer.title in message.subject
    assert reverse("events:host_session", args=[session.pk]) in message.body
    assert send_minimum_warnings() == 0  # once
    far.refresh_from_db()
    assert far.minimum_warning_sent_at is None


def test_no_warning_when_the_minimum_is_reached():
    organisation = OrganisationFactory()
    member_of(organisation, role=Membership.Role.EDITOR)
    offer = make_offer(organisation, min_participants=1)
    session = make_session(offer, capacity=5, days_ahead=5)
    services.register_for_session(session, member_of())
    assert send_minimum_warnings() == 0


def test_host_moves_the_session_and_everyone_is_told(
    client, under, django_capture_on_commit_callbacks
):
    host, offer, session, registration = under
    client.force_login(host)
    page = client.get(reverse("events:host_session", args=[session.pk])).content.decode()
    assert "meno del minimo di 4" in page
    start = timezone.localtime(session.starts_at + timedelta(days=14))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("events:host_move_session", args=[session.pk]),
            {
                "starts_at": start.strftime("%Y-%m-%dT%H:%M"),
                "ends_at": (start + timedelta(hours=6)).strftime("%Y-%m-%dT%H:%M"),
                "place": "Municipio",
            },
        )
    assert response.status_code == 302
    session.refresh_from_db()
    assert session.place == "Municipio"
    assert timezone.localtime(session.starts_at).date() == start.date()
    assert [m.to for m in mail.outbox] == [[registration.user.email]]
    bad = client.post(
        reverse("events:host_move_session", args=[session.pk]),
        {"starts_at": "domani", "ends_at": ""},
    )
    assert bad.status_code == 400


def test_host_cancels_the_session_only_when_confirmed(
    client, under, django_capture_on_commit_callbacks
):
    host, offer, session, registration = under
    client.force_login(host)
    url = reverse("events:host_cancel_session", args=[session.pk])
    assert client.post(url, {}).status_code == 400
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, {"confirm": "on"}).status_code == 302
    session.refresh_from_db()
    registration.refresh_from_db()
    assert session.status == Session.Status.CANCELLED
    assert registration.status == Registration.Status.CANCELLED
    assert any(m.to == [registration.user.email] for m in mail.outbox)


def test_another_organisations_host_cannot_move_or_cancel(client, under):
    _host, _offer, session, _registration = under
    client.force_login(member_of(role=Membership.Role.EDITOR))
    assert (
        client.post(
            reverse("events:host_cancel_session", args=[session.pk]), {"confirm": "on"}
        ).status_code
        == 404
    )
