"""The RSS and Atom feeds of upcoming community meetings: public, live meetings only (the
rule the indexes and the other feeds use), soonest first, linked in every page's <head>;
read back with an XML parser."""

import datetime as dt

import defusedxml.ElementTree as ET  # installed with Wagtail (willow)
import pytest
import time_machine
from django.urls import reverse
from wagtail.models import PageViewRestriction

from tests.communities.factories import make_meeting

ATOM = "{http://www.w3.org/2005/Atom}"
NOW = dt.datetime(2026, 11, 10, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def meetings(community):
    with time_machine.travel(NOW, tick=False):
        later = make_meeting(
            community, days=20, title="Tavolo di Collegno", mode="in_person", place="Collegno"
        )
        sooner = make_meeting(
            community, days=3, title="Tavolo di Torino", mode="in_person", place="Torino"
        )
        make_meeting(community, days=-15, title="Tavolo passato")
        hidden = make_meeting(community, days=5, title="Tavolo riservato")
        PageViewRestriction.objects.create(page=hidden, restriction_type=PageViewRestriction.LOGIN)
        draft = make_meeting(community, days=6, title="Tavolo in bozza")
        draft.unpublish()
    return {"sooner": sooner, "later": later}


def test_the_rss_feed_lists_upcoming_public_meetings_soonest_first(client, meetings):
    with time_machine.travel(NOW, tick=False):
        response = client.get(reverse("feed_meetings"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = ET.fromstring(response.content).find("channel")
    assert channel.findtext("title") and channel.findtext("link").startswith("http")
    items = channel.findall("item")
    assert [item.findtext("title") for item in items] == ["Tavolo di Torino", "Tavolo di Collegno"]
    assert items[0].findtext("link").endswith(meetings["sooner"].url)
    description = items[0].findtext("description")
    assert "Torino" in description and "Comunità Nord-Ovest" in description
    assert "13 novembre 2026, 10:00" in description.lower()  # the date, in Italian


def test_the_atom_feed_lists_the_same_meetings(client, meetings):
    with time_machine.travel(NOW, tick=False):
        response = client.get(reverse("feed_meetings_atom"))
    assert response.status_code == 200
    feed = ET.fromstring(response.content)
    assert feed.tag == f"{ATOM}feed" and feed.findtext(f"{ATOM}title")
    titles = [entry.findtext(f"{ATOM}title") for entry in feed.findall(f"{ATOM}entry")]
    assert titles == ["Tavolo di Torino", "Tavolo di Collegno"]


@pytest.mark.parametrize("path", ["/", "/comunita/"])
def test_pages_link_both_meeting_feeds_in_their_head(client, community, path):
    html = client.get(path).content.decode()
    head = html.split("</head>")[0]
    assert 'type="application/rss+xml" title="' in head
    assert f'href="{reverse("feed_meetings")}"' in head
    assert f'href="{reverse("feed_meetings_atom")}"' in head
