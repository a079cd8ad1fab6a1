"""Registering and cancelling from the offer page: where the person stands, and bad input."""

from datetime import timedelta

import pytest
from django.urls import reverse

from events import services
from events.models import Registration
from tests.events.factories import at_offsets_from_now, make_offer, make_session, member_of
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def register_url(session):
    return reverse("events:register", args=[session.pk])


def test_anonymous_sees_sign_in_and_free_seats(client, session):
    response = client.get(session.page.url)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Accedi per iscriverti" in body
    assert "2 posti liberi" in body


def test_anonymous_post_goes_to_login(client, session):
    response = client.post(register_url(session))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_register_then_page_says_registered_then_cancel(client, session, person):
    client.force_login(person)
    response = client.post(register_url(session), follow=True)
    assert response.status_code == 200
    assert "Sei iscritta o iscritto" in response.content.decode()
    registration = Registration.objects.get(user=person)
    assert registration.status == "confirmed"
    response = client.post(reverse("events:cancel", args=[registration.pk]))
    assert response.status_code == 302
    assert Registration.objects.get(pk=registration.pk).status == "cancelled"


def test_full_session_offers_waitlist_and_shows_position(client, session):
    for _ in range(2):
        services.register_for_session(session, member_of())
    person = member_of()
    client.force_login(person)
    page = client.get(session.page.url).content.decode()
    assert "lista d&#x27;attesa" in page or "lista d'attesa" in page
    response = client.post(register_url(session), follow=True)
    assert "numero 1 in lista d" in response.content.decode()


@pytest.mark.parametrize("method", ["put", "delete"])
def test_wrong_method_is_405(client, session, person, method):
    client.force_login(person)
    assert getattr(client, method)(register_url(session)).status_code == 405


def test_get_without_questions_leads_back_to_the_session(client, session, person):
    """GET shows the page's questions; a page without any has nothing to ask: back to it."""
    client.force_login(person)
    response = client.get(register_url(session))
    assert response.status_code == 302
    assert response["Location"].endswith(f"#session-{session.pk}")


def test_double_submit_is_409_and_consistent(client, session, person):
    client.force_login(person)
    client.post(register_url(session))
    response = client.post(register_url(session))
    assert response.status_code == 409
    assert "Risulti già iscritta o iscritto" in response.content.decode()
    assert Registration.objects.filter(user=person).count() == 1


def test_tampered_session_id_is_404(client, person):
    client.force_login(person)
    assert client.post("/eventi/sessioni/999999/iscrizione/").status_code == 404
    assert client.post("/eventi/sessioni/abc/iscrizione/").status_code == 404


@pytest.mark.parametrize(
    ("fields", "status"),
    [
        ({"status": "cancelled"}, 409),
        ({"registration_deadline": timedelta(hours=-1)}, 409),
    ],
)
def test_closed_sessions_give_a_clear_4xx(client, offer, person, fields, status):
    session = make_session(offer, **at_offsets_from_now(fields))
    client.force_login(person)
    response = client.post(register_url(session))
    assert response.status_code == status
    assert Registration.objects.count() == 0


def test_other_date_in_alternatives_mode_is_409(client, offer, person):
    first, second = make_session(offer), make_session(offer, days_ahead=30)
    client.force_login(person)
    client.post(register_url(first))
    assert client.post(register_url(second)).status_code == 409
    page = client.get(offer.url).content.decode()
    assert "altra data" in page


def test_member_without_organisation_gets_403(client, session):
    user = UserFactory()
    client.force_login(user)
    assert client.post(register_url(session)).status_code == 403


def test_over_the_organisation_cap_is_409(client):
    offer = make_offer(per_organisation_cap=1)
    session = make_session(offer)
    first = member_of()
    colleague = member_of(first.memberships.get().organisation)
    services.register_for_session(session, first)
    client.force_login(colleague)
    assert client.post(register_url(session)).status_code == 409


def test_cannot_cancel_someone_elses_registration(client, session, person):
    registration = services.register_for_session(session, member_of())
    client.force_login(person)
    assert client.post(reverse("events:cancel", args=[registration.pk])).status_code == 404
    assert Registration.objects.get(pk=registration.pk).status == "confirmed"


def test_unpublished_offer_refuses_registration(client, session, person):
    session.page.unpublish()
    client.force_login(person)
    assert client.post(register_url(session)).status_code == 404


def test_my_registrations_lists_status_and_calendar_links(client, session, person):
    services.register_for_session(session, person)
    client.force_login(person)
    response = client.get(reverse("events:my_registrations"))
    assert response.status_code == 200
    body = response.content.decode()
    assert session.page.title in body
    assert reverse("events:session_ics", args=[session.pk]) in body


def test_my_registrations_needs_login(client, db):
    response = client.get(reverse("events:my_registrations"))
    assert response.status_code == 302


def test_offer_page_query_count_does_not_grow(client, person):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    offer = make_offer(dates_mode="several")
    sessions = [make_session(offer, days_ahead=d, capacity=1) for d in range(5, 8)]
    services.register_for_session(sessions[0], person)
    services.register_for_session(sessions[1], member_of())
    client.force_login(person)
    client.get(offer.url)
    with CaptureQueriesContext(connection) as small:
        client.get(offer.url)
    for days in range(10, 20):
        session = make_session(offer, days_ahead=days, capacity=1)
        services.register_for_session(session, member_of())
        services.register_for_session(session, member_of())
    # New organisations drop the per-site caches (menu, Site, sheet facts): warm them again,
    # so both counts are of a warm page.
    client.get(offer.url)
    with CaptureQueriesContext(connection) as large:
        response = client.get(offer.url)
    assert response.status_code == 200
    assert "Entra in lista d" in response.content.decode()
    assert len(large) == len(small)
