"""Registration questions and consents, the cancel confirmation, and the button that tells the
truth (the engine's state), with htmx updating it in place and the same without JavaScript."""

import pytest
from django.core import mail
from django.urls import reverse

from events import services
from events.models import Registration, RegistrationQuestion
from members.models import Membership
from members.privacy import export_personal_data
from tests.events.factories import make_offer, make_session, member_of
from tests.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db
Kind = RegistrationQuestion.Kind


@pytest.fixture
def asked():
    offer = make_offer(title="Visita con domande")
    session = make_session(offer, capacity=5)
    q = {
        "role": RegistrationQuestion.objects.create(
            page=offer, kind=Kind.SHORT_TEXT, label="Your role", required=True, sort_order=0
        ),
        "format": RegistrationQuestion.objects.create(
            page=offer, kind=Kind.CHOICE, label="Format", options="Morning\nDay", sort_order=1
        ),
        "consent": RegistrationQuestion.objects.create(
            page=offer, kind=Kind.CONSENT, label="I agree to photos", required=True, sort_order=2
        ),
        "diet": RegistrationQuestion.objects.create(page=offer, kind=Kind.DIETARY, sort_order=3),
    }
    return offer, session, q


def test_the_button_leads_to_the_questions(client, asked):
    offer, session, q = asked
    client.force_login(member_of())
    body = client.get(offer.url).content.decode()
    assert f'href="{reverse("events:register", args=[session.pk])}"' in body
    form = client.get(reverse("events:register", args=[session.pk])).content.decode()
    assert "Your role" in form and "I agree to photos" in form and "Morning" in form
    assert "Esigenze alimentari" in form  # the standard label, in Italian


def test_missing_answers_are_400_with_messages_and_nothing_registered(client, asked):
    offer, session, q = asked
    client.force_login(member_of())
    url = reverse("events:register", args=[session.pk])
    response = client.post(url, {f"q{q['format'].pk}": "Evening"})
    assert response.status_code == 400
    body = response.content.decode()
    assert "Spunta la casella" in body
    assert not Registration.objects.exists()


def test_answers_are_stored_shown_and_exported(client, asked):
    offer, session, q = asked
    person = member_of(full_name="Lucia Neri")
    client.force_login(person)
    response = client.post(
        reverse("events:register", args=[session.pk]),
        {
            f"q{q['role'].pk}": "Funzionaria",
            f"q{q['format'].pk}": "Day",
            f"q{q['consent'].pk}": "on",
            f"q{q['diet'].pk}": "Vegetariana",
        },
    )
    assert response.status_code == 302
    registration = Registration.objects.get()
    values = {a["label"]: a["value"] for a in registration.answers}
    assert values["Your role"] == "Funzionaria"
    assert values["I agree to photos"] == "yes"
    assert values["Format"] == "Day"
    host = member_of(offer.organisation, role=Membership.Role.EDITOR)
    client.force_login(host)
    body = client.get(reverse("events:host_session", args=[session.pk])).content.decode()
    assert "Funzionaria" in body and "Vegetariana" in body
    data = export_personal_data(person)
    assert "Funzionaria" in str(data)


def test_the_engine_refuses_a_missing_required_answer(asked):
    offer, session, q = asked
    with pytest.raises(services.AnswersRequired):
        services.register_for_session(session, member_of())
    with pytest.raises(services.AnswersRequired):
        services.register_for_session(
            session, member_of(), answers=[{"question": q["role"].pk, "value": "Io"}]
        )


def test_account_deletion_erases_the_answers(asked):
    from members.privacy import delete_account

    offer, session, q = asked
    person = member_of()
    answers = [
        {"question": q["role"].pk, "value": "Io"},
        {"question": q["consent"].pk, "value": "yes"},
    ]
    registration = services.register_for_session(session, person, answers=answers)
    delete_account(person)
    registration.refresh_from_db()
    assert registration.answers == []


def test_cancel_asks_first_then_emails(client, django_capture_on_commit_callbacks):
    offer = make_offer()
    session = make_session(offer, capacity=1)
    person = member_of()
    registration = services.register_for_session(session, person)
    waiting = services.register_for_session(session, member_of())
    client.force_login(person)
    url = reverse("events:cancel", args=[registration.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert "Sì, annulla la mia iscrizione" in page.content.decode()
    registration.refresh_from_db()
    assert registration.status == "confirmed"  # asking changes nothing
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"next": offer.url})
    assert response.status_code == 302
    registration.refresh_from_db()
    waiting.refresh_from_db()
    assert registration.status == "cancelled"
    assert waiting.status == "confirmed"  # the seat went on by the policy
    assert any(m.to == [person.email] and "annullata" in m.subject.lower() for m in mail.outbox)


def test_cancel_and_register_with_htmx_swap_the_state_only(client):
    offer = make_offer()
    session = make_session(offer, capacity=3)
    client.force_login(member_of())
    headers = {"HTTP_HX_REQUEST": "true"}
    response = client.post(reverse("events:register", args=[session.pk]), **headers)
    assert response.status_code == 200
    body = response.content.decode()
    assert body.lstrip().startswith(f'<div class="session-state" id="session-state-{session.pk}"')
    assert "Sei iscritta" in body or "Sei iscritto" in body or "iscritt" in body
    registration = Registration.objects.get()
    confirm = client.get(reverse("events:cancel", args=[registration.pk]), **headers)
    assert "<html" not in confirm.content.decode()
    assert "data-hx-post" in confirm.content.decode()
    done = client.post(reverse("events:cancel", args=[registration.pk]), **headers)
    assert "session-state-" in done.content.decode() and "<html" not in done.content.decode()
    assert 'data-hx-post="' in done.content.decode()  # the register button again


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("no_membership", "Indica a quale ente appartieni"),
        ("pending", "in attesa di conferma"),
        ("cap_reached", "Chiedi a una collega"),
        ("full", "puoi entrare in lista d'attesa"),
    ],
)
def test_the_button_tells_the_truth_before_clicking(client, who, expected):
    organisation = OrganisationFactory()
    offer = make_offer(per_organisation_cap=1)
    session = make_session(offer, capacity=1 if who == "full" else 5)
    if who == "no_membership":
        person = UserFactory()
    elif who == "pending":
        person = UserFactory()
        Membership.objects.create(
            user=person, organisation=organisation, status=Membership.Status.PENDING
        )
    else:
        person = member_of(organisation)
        services.register_for_session(
            session, member_of(organisation if who == "cap_reached" else None)
        )
    client.force_login(person)
    body = client.get(offer.url).content.decode()
    section = body.split(f'id="session-state-{session.pk}"')[1].split("</div>")[0]
    assert expected in section
    if who == "full":
        assert 'data-hx-post="' in section  # the waiting list's button
    else:
        assert 'data-hx-post="' not in section  # no button the engine would refuse


def test_min_and_max_seats_on_the_page(client):
    offer = make_offer(min_participants=4)
    make_session(offer, capacity=5)
    assert "Da 4 a 5 persone" in client.get(offer.url).content.decode()
