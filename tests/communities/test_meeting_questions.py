"""Registration questions and consents on a community meeting, as on an exchange offer:
the host defines them in the meeting's page editor; a member answers them when she
registers; the answers are checked on the server and shown to the coordinators, in the
dashboard and in the export."""

import pytest
from django.urls import reverse

from communities.models import MeetingPage
from events.models import Registration, RegistrationQuestion, Session
from tests.communities.factories import make_meeting, make_member, with_organisation

Kind = RegistrationQuestion.Kind


@pytest.fixture
def meeting(community):
    page = make_meeting(community, days=12, title="Tavolo sui patti di collaborazione")
    questions = {
        "role": RegistrationQuestion(kind=Kind.SHORT_TEXT, label="Il tuo ruolo", required=True),
        "consent": RegistrationQuestion(
            kind=Kind.CONSENT, label="Acconsento alle foto", required=True
        ),
        "access": RegistrationQuestion(kind=Kind.ACCESSIBILITY),
    }
    page.registration_questions = list(questions.values())
    page.save_revision().publish()
    page.questions = {
        key: RegistrationQuestion.objects.get(page=page, kind=question.kind)
        for key, question in questions.items()
    }
    page.session = Session.objects.get(page=page)
    return page


def registered_member(community, **kwargs):
    user = make_member(community, **kwargs)
    with_organisation(user)
    return user


def test_the_meeting_editor_has_the_questions_panel(admin_client, meeting):
    form_class = MeetingPage.get_edit_handler().get_form_class()
    assert "registration_questions" in form_class.formsets
    edit = admin_client.get(reverse("wagtailadmin_pages:edit", args=[meeting.pk]))
    assert edit.status_code == 200
    body = edit.content.decode()
    assert 'name="registration_questions-TOTAL_FORMS"' in body
    assert "Il tuo ruolo" in body and "Acconsento alle foto" in body


def test_the_meeting_button_leads_to_the_questions(client, community, meeting):
    client.force_login(registered_member(community))
    page = client.get(meeting.url).content.decode()
    register_url = reverse("events:register", args=[meeting.session.pk])
    assert f'href="{register_url}"' in page
    form = client.get(register_url).content.decode()
    assert "Il tuo ruolo" in form and "Acconsento alle foto" in form
    assert "Esigenze di accessibilità" in form  # the standard label, in Italian


def test_missing_answers_are_a_400_and_nothing_is_registered(client, community, meeting):
    client.force_login(registered_member(community))
    url = reverse("events:register", args=[meeting.session.pk])
    response = client.post(url, {f"q{meeting.questions['role'].pk}": "Funzionaria"})
    assert response.status_code == 400
    assert "Spunta la casella" in response.content.decode()
    assert not Registration.objects.filter(session=meeting.session).exists()


def test_answers_are_stored_and_shown_to_the_coordinators(client, community, coordinator, meeting):
    person = registered_member(community, full_name="Lucia Neri")
    client.force_login(person)
    q = meeting.questions
    response = client.post(
        reverse("events:register", args=[meeting.session.pk]),
        {
            f"q{q['role'].pk}": "Funzionaria",
            f"q{q['consent'].pk}": "on",
            f"q{q['access'].pk}": "Accesso senza gradini",
        },
    )
    assert response.status_code == 302
    registration = Registration.objects.get(session=meeting.session, user=person)
    values = {answer["label"]: answer["value"] for answer in registration.answers}
    assert values["Il tuo ruolo"] == "Funzionaria"
    assert values["Acconsento alle foto"] == "yes"
    assert "Accesso senza gradini" in values.values()
    client.force_login(coordinator)
    dashboard = client.get(reverse("events:host_session", args=[meeting.session.pk]))
    assert dashboard.status_code == 200
    assert "Funzionaria" in dashboard.content.decode()
    assert "Accesso senza gradini" in dashboard.content.decode()
    export = client.get(reverse("events:host_csv", args=[meeting.session.pk]))
    assert export.status_code == 200
    text = (
        b"".join(export).decode("utf-8-sig")
        if export.streaming
        else export.content.decode("utf-8-sig")
    )
    assert "Il tuo ruolo" in text and "Funzionaria" in text


def test_answers_do_not_open_a_meeting_to_someone_outside_the_community(client, meeting, outsider):
    with_organisation(outsider)
    client.force_login(outsider)
    q = meeting.questions
    response = client.post(
        reverse("events:register", args=[meeting.session.pk]),
        {f"q{q['role'].pk}": "Funzionario", f"q{q['consent'].pk}": "on"},
    )
    assert response.status_code in (403, 409)
    assert not Registration.objects.filter(session=meeting.session).exists()
