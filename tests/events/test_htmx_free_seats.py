"""When register or cancel updates the session in place with htmx, the card's free-seat figure
("N posti liberi") comes with it as an out-of-band swap; without JavaScript the page is the
same and shows the new figure after the redirect."""

import re

import pytest
from django.urls import reverse

from events.models import Registration
from tests.events.factories import make_offer, make_session, member_of

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


def _seats_block(html: str, session_id: int) -> str:
    match = re.search(rf'<p[^>]*id="session-seats-{session_id}"[^>]*>(.*?)</p>', html, re.S)
    assert match, html
    return match.group(0)


@pytest.fixture
def session():
    return make_session(make_offer(), capacity=3)


def test_the_page_shows_the_figure_in_a_block_htmx_can_replace(client, session):
    html = client.get(session.page.url).content.decode()
    block = _seats_block(html, session.pk)
    assert "3 posti liberi" in block
    assert "hx-swap-oob" not in block  # only the htmx fragment swaps out of band


def test_register_with_htmx_sends_the_new_figure(client, session):
    client.force_login(member_of())
    response = client.post(reverse("events:register", args=[session.pk]), **HTMX)
    assert response.status_code == 200
    block = _seats_block(response.content.decode(), session.pk)
    assert 'data-hx-swap-oob="true"' in block
    assert "2 posti liberi" in block


def test_cancel_with_htmx_sends_the_new_figure(client, session):
    person = member_of()
    client.force_login(person)
    client.post(reverse("events:register", args=[session.pk]), **HTMX)
    registration = Registration.objects.get(user=person)
    response = client.post(reverse("events:cancel", args=[registration.pk]), **HTMX)
    block = _seats_block(response.content.decode(), session.pk)
    assert "3 posti liberi" in block


def test_without_javascript_the_redirect_leads_to_the_new_figure(client, session):
    client.force_login(member_of())
    response = client.post(reverse("events:register", args=[session.pk]), follow=True)
    block = _seats_block(response.content.decode(), session.pk)
    assert "2 posti liberi" in block
    assert "hx-swap-oob" not in block
