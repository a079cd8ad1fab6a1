"""The host's home: "Gestione" for anyone who manages a session, the history in the person's
language, one host notice task per host."""

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils.html import strip_tags

from events import registry, services
from events.models import Registration
from members.models import Membership
from tests.events.factories import make_offer, make_session, member_of
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def management_link(user) -> bool:
    return (
        Template("{% load events_tags %}{{ user|manages_sessions }}").render(
            Context({"user": user})
        )
        == "True"
    )


@pytest.fixture
def coordinated(monkeypatch):
    """A client app (as communities does for coordinators) says who manages which pages."""
    managed: dict[int, list[int]] = {}
    monkeypatch.setattr(
        registry, "_session_managers", [lambda user: managed.get(getattr(user, "pk", None), [])]
    )
    return managed


def test_a_coordinator_sees_management(client, coordinated):
    offer = make_offer()
    make_session(offer)
    coordinator = member_of(role=Membership.Role.MEMBER)
    assert not management_link(coordinator)
    coordinated[coordinator.pk] = [offer.pk]
    coordinator = type(coordinator).objects.get(pk=coordinator.pk)  # cached per request
    assert management_link(coordinator)
    client.force_login(coordinator)
    body = client.get(reverse("events:my_registrations")).content.decode()
    assert reverse("events:host_sessions") in body


def test_a_member_who_manages_nothing_sees_no_management(client, coordinated):
    member = member_of(role=Membership.Role.MEMBER)
    client.force_login(member)
    body = client.get(reverse("events:my_registrations")).content.decode()
    assert reverse("events:host_sessions") not in body


def test_history_reads_in_the_persons_language(client):
    organisation = OrganisationFactory()
    host = member_of(organisation, role=Membership.Role.EDITOR, full_name="Sara Conti")
    session = make_session(make_offer(organisation), capacity=3)
    registration = services.register_for_session(session, member_of(full_name="Anna Verdi"))
    services.cancel_registration(registration, actor=host)
    client.force_login(host)
    body = strip_tags(
        client.get(reverse("events:host_session", args=[session.pk])).content.decode()
    )
    assert "Confermata &rarr; Annullata, da Sara Conti, 10 mar 2027" in body
    assert "confirmed" not in body
    host.preferred_language = "en"
    host.save()
    client.cookies["django_language"] = "en"
    body = strip_tags(
        client.get(
            reverse("events:host_session", args=[session.pk]), HTTP_ACCEPT_LANGUAGE="en"
        ).content.decode()
    )
    assert "Confirmed &rarr; Cancelled, by Sara Conti, 10 mar 2027" in body


def test_one_pending_notice_task_per_host(monkeypatch, django_capture_on_commit_callbacks):
    """Each host's notice is its own task: a host whose e-mail fails (and is retried) never
    stops, nor duplicates, another host's."""
    from django.core import mail

    from events import hosts

    organisation = OrganisationFactory()
    first = member_of(organisation, role=Membership.Role.EDITOR)
    second = member_of(organisation, role=Membership.Role.ADMIN)
    session = make_session(make_offer(organisation, approval_mode="host"), capacity=5)
    real_send = hosts._send

    def send(host, template, context):
        if host.pk == first.pk:
            raise ConnectionRefusedError("smtp down")
        real_send(host, template, context)

    monkeypatch.setattr(hosts, "_send", send)
    with django_capture_on_commit_callbacks(execute=True):
        registration = services.register_for_session(session, member_of())
    assert registration.status == Registration.Status.PENDING
    assert [m.to for m in mail.outbox if m.to != [registration.user.email]] == [[second.email]]
    monkeypatch.setattr(hosts, "_send", real_send)
    assert hosts.send_pending_notice(registration.pk, first.pk) == 1
    assert [m.to for m in mail.outbox][-1] == [first.email]
