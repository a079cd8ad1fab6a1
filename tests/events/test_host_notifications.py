"""Hosts hear of registrations waiting for their approval: one e-mail each, or a daily summary
(their choice on the host dashboard), in their own language."""

from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from events import services
from events.hosts import send_host_digests
from events.models import HostPreference, Registration
from members.models import Membership
from tests.events.factories import make_offer, make_session, member_of
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def host_setup():
    organisation = OrganisationFactory()
    host = member_of(organisation, role=Membership.Role.EDITOR, preferred_language="en")
    offer = make_offer(organisation, approval_mode="host")
    return host, offer, make_session(offer, capacity=5)


def register(session, capture):
    with capture(execute=True):
        return services.register_for_session(session, member_of())


def host_mails(host):
    return [m for m in mail.outbox if m.to == [host.email]]


def test_host_is_emailed_when_a_registration_waits(host_setup, django_capture_on_commit_callbacks):
    host, offer, session = host_setup
    registration = register(session, django_capture_on_commit_callbacks)
    assert registration.status == Registration.Status.PENDING
    [message] = host_mails(host)
    assert "waits for your approval" in message.subject  # her language: English
    assert offer.title in message.subject
    assert reverse("events:host_session", args=[session.pk]) in message.body


def test_automatic_confirmation_tells_no_host(django_capture_on_commit_callbacks):
    organisation = OrganisationFactory()
    host = member_of(organisation, role=Membership.Role.EDITOR)
    session = make_session(make_offer(organisation), capacity=5)
    register(session, django_capture_on_commit_callbacks)
    assert host_mails(host) == []


def test_daily_digest_instead_of_each_email(host_setup, django_capture_on_commit_callbacks):
    host, offer, session = host_setup
    HostPreference.objects.create(user=host, approval_notices="daily")
    register(session, django_capture_on_commit_callbacks)
    register(session, django_capture_on_commit_callbacks)
    assert host_mails(host) == []

    call_command("send_host_digests", stdout=open("/dev/null", "w"))  # noqa: SIM115
    [digest] = host_mails(host)
    assert "2 registrations wait for your approval" in digest.subject
    assert send_host_digests() == 0  # nothing new: no second summary

    with time_machine.travel(timezone.now() + timedelta(hours=1)):
        register(session, django_capture_on_commit_callbacks)
        assert send_host_digests() == 1
    assert "3 registrations" in host_mails(host)[-1].subject


def test_digest_not_marked_when_smtp_refuses(host_setup, settings):
    host, offer, session = host_setup
    HostPreference.objects.create(user=host, approval_notices="daily")
    services.register_for_session(session, member_of())
    settings.EMAIL_BACKEND = "tests.events.test_email_tasks.RefusingBackend"
    assert send_host_digests() == 0
    assert HostPreference.objects.get(user=host).digest_sent_at is None
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert send_host_digests() == 1


def test_host_chooses_on_the_dashboard(client, host_setup):
    host, _offer, _session = host_setup
    client.force_login(host)
    page = client.get(reverse("events:host_sessions"))
    assert b'name="approval_notices"' in page.content
    response = client.post(reverse("events:host_notices"), {"approval_notices": "daily"})
    assert response.status_code == 302
    assert HostPreference.objects.get(user=host).approval_notices == "daily"
    assert client.post(reverse("events:host_notices"), {"approval_notices": "x"}).status_code == 400


def test_member_who_manages_nothing_cannot_set_host_notices(client):
    client.force_login(member_of())
    response = client.post(reverse("events:host_notices"), {"approval_notices": "daily"})
    assert response.status_code == 403
    assert not HostPreference.objects.exists()


def test_header_leads_to_my_registrations_and_for_hosts_to_management(client, host_setup):
    host, _offer, _session = host_setup
    official = member_of()
    client.force_login(official)
    page = client.get("/", HTTP_ACCEPT_LANGUAGE="it").content.decode()
    assert reverse("events:my_registrations") in page and "Le mie iscrizioni" in page
    assert reverse("events:host_sessions") not in page
    client.force_login(host)
    page = client.get("/").content.decode()
    assert reverse("events:host_sessions") in page
