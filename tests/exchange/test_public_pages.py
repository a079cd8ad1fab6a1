"""Public pages of exchanges: the offer page, the index, the home section and the events index
render real data with a constant number of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from events import services
from tests.events.factories import make_offer, make_session, member_of

pytestmark = pytest.mark.django_db


def count_queries(client, url):
    client.get(url)  # warm caches (site root paths)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def grow(n):
    for number in range(n):
        offer = make_offer(title=f"Scambio {number}", dates_mode="several")
        for days in (5, 12):
            session = make_session(offer, capacity=1, days_ahead=days + number)
            services.register_for_session(session, member_of())


@pytest.mark.parametrize("url", ["/", "/scambi/", "/eventi/"])
def test_query_count_is_constant(client, url):
    grow(1)
    small = count_queries(client, url)
    grow(4)
    assert count_queries(client, url) == small


def test_home_lists_sessions_with_free_seats_only(client):
    full = make_offer(title="Scambio pieno")
    services.register_for_session(make_session(full, capacity=1), member_of())
    free = make_offer(title="Scambio con posti")
    make_session(free, capacity=5)
    body = client.get("/").content.decode()
    assert "Scambio con posti" in body
    assert "Scambio pieno" not in body
    assert "5 posti liberi" in body


def test_offer_page_shows_programme_and_details(client):
    from exchange.demo import load

    load(open("/dev/null", "w"))
    from exchange.models import ExchangeOfferPage

    offer = ExchangeOfferPage.objects.get(slug="spaziocomune-cesena")
    body = client.get(offer.url).content.decode()
    assert "Giorno 1" in body
    assert "Valutazione di Impatto Sociale" in body or "valutazione di impatto sociale" in body
    assert "2 giorni" in body
    assert "posti liberi" in body


def test_demo_is_idempotent():
    from events.models import Registration, Session
    from exchange.demo import load
    from exchange.models import ExchangeOfferPage
    from members.models import Organisation

    load(open("/dev/null", "w"))
    counts = (
        ExchangeOfferPage.objects.count(),
        Session.objects.count(),
        Registration.objects.count(),
    )
    load(open("/dev/null", "w"))
    assert counts == (
        ExchangeOfferPage.objects.count(),
        Session.objects.count(),
        Registration.objects.count(),
    )
    assert counts[0] == 2 and counts[2] >= 4
    assert Organisation.objects.get(istat_code="040007").name == "Comune di Cesena"
    assert {s.capacity for s in Session.objects.filter(page__slug="co-progettazione-monza")} == {5}


def test_demo_has_monzas_minimum_questions_and_a_past_attended_visit(client):
    from events.models import Registration, RegistrationQuestion
    from exchange.demo import load
    from exchange.models import ExchangeOfferPage

    load(open("/dev/null", "w"))  # noqa: SIM115
    monza = ExchangeOfferPage.objects.get(slug="co-progettazione-monza")
    assert monza.min_participants == 4
    session = monza.sessions.order_by("starts_at").first()
    assert (session.starts_at.month, session.starts_at.day) == (5, 7)
    assert (session.ends_at.month, session.ends_at.day) == (5, 8)
    assert RegistrationQuestion.objects.filter(page=monza).count() == 2
    assert "Da 4 a 5 persone" in client.get(monza.url).content.decode()
    attended = Registration.objects.get(
        user__email="official@example.org", status=Registration.Status.ATTENDED
    )
    assert attended.session.page.slug == "spaziocomune-cesena"
    assert attended.followup_answer == "yes"
    assert "sCambio Comune" in attended.session.page.title
