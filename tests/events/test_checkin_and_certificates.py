"""Check-in list (attendance through the engine), the sign-in sheet and the attendance
certificate (PDF), for the attendee and the host only."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse

from events import services
from events.models import Registration
from members.models import Membership
from tests.events.factories import make_offer, make_session, member_of
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def held():
    organisation = OrganisationFactory(name="Comune di Cesena")
    host = member_of(organisation, role=Membership.Role.EDITOR)
    session = make_session(make_offer(organisation, title="sCambio Comune"), days_ahead=2)
    person = member_of(full_name="Sara Conti")
    registration = services.register_for_session(session, person)
    return host, session, person, registration


def test_checkin_marks_attendance_and_the_certificate_is_downloadable(client, held):
    host, session, person, registration = held
    client.force_login(host)
    with time_machine.travel(session.starts_at + timedelta(minutes=30)):
        page = client.get(reverse("events:host_checkin", args=[session.pk]))
        assert page.status_code == 200 and "Sara Conti" in page.content.decode()
        response = client.post(
            reverse("events:host_action", args=[registration.pk]),
            {"action": "attended", "next": "checkin"},
        )
        assert response["Location"] == reverse("events:host_checkin", args=[session.pk])
    registration.refresh_from_db()
    assert registration.status == Registration.Status.ATTENDED
    url = reverse("events:certificate", args=[registration.pk])
    pdf = client.get(url)  # the host
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    client.force_login(person)  # the attendee
    assert client.get(url).content.startswith(b"%PDF")
    client.force_login(member_of())  # anyone else
    assert client.get(url).status_code in (403, 404)


def test_no_certificate_before_attendance(client, held):
    _host, _session, person, registration = held
    client.force_login(person)
    assert client.get(reverse("events:certificate", args=[registration.pk])).status_code == 404


def test_signin_sheet_is_a_pdf_for_the_host_only(client, held):
    host, session, _person, _registration = held
    url = reverse("events:host_signin_sheet", args=[session.pk])
    client.force_login(host)
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    client.force_login(member_of(role=Membership.Role.EDITOR))
    assert client.get(url).status_code == 404


def test_certificate_text_survives_characters_outside_latin1(held):
    from events.certificates import certificate_pdf

    _host, session, _person, registration = held
    session.page.title = "\u201csCambio Comune\u201d \u2013 Cesena \u20ac"
    registration.session = session
    assert certificate_pdf(registration).startswith(b"%PDF")
