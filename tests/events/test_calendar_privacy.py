"""Calendars and registration respect privacy: a public .ics never carries a members-only video
link, an offer behind a view restriction gives neither its .ics nor its registration to people
the restriction does not admit."""

import pytest
from wagtail.models import PageViewRestriction

from communities.services_meetings import session_of
from tests.communities.factories import make_community, make_meeting, make_member
from tests.events.factories import make_session, member_of

LINK = "https://meet.example.org/nord-ovest"


@pytest.fixture
def online_meeting(site_tree):
    community = make_community()
    meeting = make_meeting(community, mode="online", online_url=LINK, capacity=30)
    return community, session_of(meeting)


@pytest.mark.django_db
def test_public_ics_has_no_members_only_link(client, online_meeting):
    community, session = online_meeting
    url = f"/eventi/sessioni/{session.pk}/calendario.ics"
    response = client.get(url)
    assert response.status_code == 200
    assert LINK not in response.content.decode()
    client.force_login(member_of())
    assert LINK not in client.get(url).content.decode()
    client.force_login(make_member(community, full_name="Maria Rossi"))
    assert LINK in client.get(url).content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["password", "login"])
def test_restricted_offer_refuses_ics_and_registration(client, offer, kind):
    session = make_session(offer, capacity=5)
    PageViewRestriction.objects.create(
        page=offer, restriction_type=kind, password="segreta" if kind == "password" else ""
    )
    ics = f"/eventi/sessioni/{session.pk}/calendario.ics"
    assert client.get(ics).status_code == 404
    person = member_of()
    client.force_login(person)
    response = client.post(f"/eventi/sessioni/{session.pk}/iscrizione/")
    if kind == "password":
        assert client.get(ics).status_code == 404
        assert response.status_code == 404
        assert not session.registrations.exists()
    else:  # signed in is all a login restriction asks
        assert client.get(ics).status_code == 200
        assert session.registrations.filter(user=person).exists()


@pytest.mark.django_db
def test_restricted_offer_is_not_on_the_events_calendar(client, site_tree, offer):
    from events.models import EventIndexPage

    make_session(offer, capacity=5, place="Sala segreta")
    url = EventIndexPage.objects.get().url
    assert "Sala segreta" in client.get(url).content.decode()
    PageViewRestriction.objects.create(page=offer, restriction_type="password", password="x")
    assert "Sala segreta" not in client.get(url).content.decode()
