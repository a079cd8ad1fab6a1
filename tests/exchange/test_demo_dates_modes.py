"""The demo shows both ways an offer's dates work: Monza's with two alternative dates ("O": a
person attends one) and Cesena's with several sessions ("E": each its own group); the dates
the seed forms do not give are said on the page to be illustrative."""

from datetime import datetime

import pytest
import time_machine
from django.utils import timezone

from events import services
from events.models import Registration
from exchange.demo import load
from exchange.models import ExchangeOfferPage
from tests.events.factories import member_of

pytestmark = pytest.mark.django_db

DEC_2026 = datetime(2026, 12, 2, 12, 0, tzinfo=timezone.get_default_timezone())


@pytest.fixture
def demo():
    with time_machine.travel(DEC_2026, tick=False):
        load(open("/dev/null", "w"))  # noqa: SIM115
        yield


def upcoming(offer):
    return list(offer.sessions.filter(starts_at__gt=timezone.now()).order_by("starts_at"))


def test_monza_offers_two_alternative_dates_in_spring_2027(demo, client):
    monza = ExchangeOfferPage.objects.get(slug="co-progettazione-monza")
    assert monza.dates_mode == ExchangeOfferPage.DatesMode.ALTERNATIVES
    sessions = upcoming(monza)
    assert len(sessions) == 2
    first, second = (timezone.localtime(s.starts_at).date() for s in sessions)
    assert (first.year, first.month, first.day) == (2027, 5, 7)  # the form's "7-8 MAGGIO"
    assert (second.year, second.month) == (2027, 5)
    assert {s.capacity for s in sessions} == {5}  # "4/5" per session
    assert "alternativa" in monza.description and "illustrativa" in monza.description
    # Alternatives: whoever holds one date cannot take the other as well.
    person = member_of()
    services.register_for_session(sessions[0], person)
    with pytest.raises(services.RegistrationError):
        services.register_for_session(sessions[1], person)


def test_cesena_runs_several_sessions_each_its_own_group(demo):
    cesena = ExchangeOfferPage.objects.get(slug="spaziocomune-cesena")
    assert cesena.dates_mode == ExchangeOfferPage.DatesMode.SEVERAL
    sessions = upcoming(cesena)
    assert len(sessions) == 2
    assert all(s.starts_at.year == 2027 and s.starts_at.month in (3, 4, 5, 6) for s in sessions)
    assert {s.capacity for s in sessions} == {20}
    assert "illustrativo" in cesena.description
    # Several sessions: one person may attend more than one.
    person = member_of()
    for session in sessions:
        services.register_for_session(session, person)
    assert Registration.objects.filter(user=person, status="confirmed").count() == 2


def test_both_offer_pages_list_each_of_their_dates(demo, client):
    for slug in ["co-progettazione-monza", "spaziocomune-cesena"]:
        offer = ExchangeOfferPage.objects.get(slug=slug)
        body = client.get(offer.url).content.decode()
        assert body.count('id="session-seats-') >= 2
