"""The public calendar feed (events.calendar_views.public_feed): every upcoming session and
meeting of a public page, read back with an iCalendar parser."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse
from icalendar import Calendar
from wagtail.models import Page, PageViewRestriction

from events.models import EventIndexPage
from members.permissions import can_view_page
from tests.communities.factories import make_community, make_meeting
from tests.events.factories import make_offer, make_session

pytestmark = pytest.mark.django_db


def _events(response) -> list:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return list(Calendar.from_ical(response.content).walk("VEVENT"))


def test_the_feed_lists_upcoming_sessions_and_meetings_of_public_pages(client, site_tree):
    community = make_community()
    meeting = make_meeting(community, days=4, title="Tavolo sul verde urbano")
    make_meeting(community, days=-10, title="Tavolo passato")
    hidden = make_meeting(community, days=5, title="Tavolo riservato")
    PageViewRestriction.objects.create(page=hidden, restriction_type=PageViewRestriction.LOGIN)
    offer = make_offer(title="Visita agli orti")
    session = make_session(offer, days_ahead=8)

    events = _events(client.get(reverse("events:public_feed")))

    summaries = [str(event["summary"]) for event in events]
    assert summaries == ["Tavolo sul verde urbano", "Visita agli orti"]  # soonest first
    uids = [str(event["uid"]) for event in events]
    assert uids[0].startswith(f"meeting-{meeting.pk}@")
    assert uids[1].startswith(f"session-{session.pk}@")
    assert str(events[1]["url"]).endswith(f"{offer.url}#session-{session.pk}")
    # What the feed shows is what can_view_page lets an anonymous visitor see.
    for event in events:
        path = str(event["url"]).split("://", 1)[-1].split("/", 1)[-1].split("#")[0]
        page = Page.objects.get(url_path__endswith=f"/{path}")
        assert can_view_page(AnonymousUser(), page)
    assert not can_view_page(AnonymousUser(), hidden)


def test_an_empty_calendar_is_still_a_valid_feed(client, site_tree):
    assert _events(client.get(reverse("events:public_feed"))) == []


def test_the_events_index_links_the_feed(client, site_tree):
    response = client.get(EventIndexPage.objects.get().url)
    assert reverse("events:public_feed") in response.content.decode()


def test_the_events_index_pages_in_sql_with_every_source(client, site_tree):
    community = make_community()
    for day in range(1, 14):
        make_meeting(community, days=day, title=f"Tavolo {day:02d}")
    offer = make_offer(title="Visita agli orti")
    for day in range(1, 14):
        make_session(offer, days_ahead=day)
    url = EventIndexPage.objects.get().url
    first = client.get(url).content.decode()
    second = client.get(url + "?page=2").content.decode()
    assert "Page 1 of 2" in first or "Pagina 1 di 2" in first
    assert first.count("Visita agli orti") >= 10  # list and month calendar
    assert "Tavolo 13" in second
    assert client.get(url + "?page=3").status_code == 404
    assert client.get(url + "?mode=online&region=999999").status_code == 400
