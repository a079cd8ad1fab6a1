"""The site is findable: a sitemap and robots.txt that crawlers parse, RSS/Atom feeds of new
practices and upcoming visits, canonical and Open Graph tags. Only what anyone may see."""

import defusedxml.ElementTree as ET  # installed with Wagtail (willow)
import pytest
from django.conf import settings
from wagtail.models import PageViewRestriction

from tests.events.factories import make_offer, make_session
from tests.practices.factories import make_practice

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def pages(site_tree):
    public = make_practice(title="Rete SpazioComune")
    draft = make_practice(title="Bozza nascosta", publish=False)
    private = make_practice(title="Pratica riservata")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    upcoming = make_offer(title="Visita a Cesena")
    make_session(upcoming, days_ahead=12)
    past = make_offer(title="Visita passata")
    make_session(past, days_ahead=-20)
    hidden = make_offer(title="Visita riservata")
    make_session(hidden, days_ahead=5)
    PageViewRestriction.objects.create(page=hidden, restriction_type=PageViewRestriction.LOGIN)
    return {"public": public, "draft": draft, "private": private, "upcoming": upcoming}


def test_sitemap_lists_public_live_pages_only(client, pages):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    locations = [loc.text for loc in root.iter(f"{SITEMAP}loc")]
    assert pages["public"].full_url in locations
    assert pages["upcoming"].full_url in locations
    assert all(loc.startswith(("http://", "https://")) for loc in locations)
    assert not [loc for loc in locations if "riservat" in loc or "bozza" in loc]


def test_robots_points_to_the_sitemap_and_keeps_out_of_admin(client, site_tree):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    rules = [line.split(":", 1) for line in response.content.decode().splitlines() if line]
    fields = [(name.strip().lower(), value.strip()) for name, value in rules]
    assert ("user-agent", "*") in fields
    assert ("disallow", "/admin/") in fields and ("disallow", "/django-admin/") in fields
    sitemaps = [value for name, value in fields if name == "sitemap"]
    assert sitemaps == ["http://testserver/sitemap.xml"]
    assert client.get(sitemaps[0].removeprefix("http://testserver")).status_code == 200


def rss_items(content: bytes) -> list[dict]:
    channel = ET.fromstring(content).find("channel")
    assert channel.findtext("title") and channel.findtext("link")
    return [
        {"title": item.findtext("title"), "link": item.findtext("link")}
        for item in channel.findall("item")
    ]


def atom_entries(content: bytes) -> list[str]:
    feed = ET.fromstring(content)
    assert feed.tag == f"{ATOM}feed" and feed.findtext(f"{ATOM}title")
    return [entry.findtext(f"{ATOM}title") for entry in feed.findall(f"{ATOM}entry")]


def test_practice_feeds_show_public_live_practices(client, pages):
    response = client.get("/feeds/pratiche/")
    assert response.status_code == 200
    assert [item["title"] for item in rss_items(response.content)] == ["Rete SpazioComune"]
    assert rss_items(response.content)[0]["link"].endswith(pages["public"].url)
    assert atom_entries(client.get("/feeds/pratiche/atom/").content) == ["Rete SpazioComune"]


def test_offer_feeds_show_upcoming_public_offers(client, pages):
    response = client.get("/feeds/scambi/")
    assert [item["title"] for item in rss_items(response.content)] == ["Visita a Cesena"]
    assert atom_entries(client.get("/feeds/scambi/atom/").content) == ["Visita a Cesena"]


def test_pages_carry_canonical_open_graph_and_feed_links(client, pages):
    html = client.get(pages["public"].url).content.decode()
    canonical = f"{settings.SITE_URL}{pages['public'].url}"
    assert f'<link rel="canonical" href="{canonical}">' in html
    assert f'<meta property="og:url" content="{canonical}">' in html
    assert '<meta property="og:title" content="Rete SpazioComune">' in html
    assert '<meta property="og:description" content="Una sintesi della pratica.">' in html
    assert '<meta property="og:locale" content="it_IT">' in html
    assert 'type="application/rss+xml"' in html and 'href="/feeds/pratiche/"' in html
    search = client.get("/search/?q=orti").content.decode()
    assert f'<link rel="canonical" href="{settings.SITE_URL}/search/">' in search


@pytest.mark.parametrize(
    "path", ["/", "/buone-pratiche/", "/scambi/", "/accounts/login/", "/x-404/"]
)
def test_every_page_has_canonical_open_graph_and_both_feed_formats(client, pages, path):
    html = client.get(path).content.decode()
    assert f'<link rel="canonical" href="{settings.SITE_URL}{path}">' in html
    assert '<meta property="og:title" content="' in html
    assert '<meta property="og:site_name" content="' in html
    assert 'type="application/atom+xml"' in html and 'href="/feeds/pratiche/atom/"' in html
    assert 'href="/feeds/scambi/atom/"' in html
