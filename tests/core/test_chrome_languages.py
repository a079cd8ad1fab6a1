"""The chrome of a page speaks the page's language (docs/adr/0007): page titles are Italian
content, but on English pages the section index pages take their English name from the Main
menu setting in the ``<title>``, the Open Graph title and the breadcrumbs, and the home page is
"Home". Italian pages keep the page titles."""

import re

import pytest


def _breadcrumbs(html: str) -> list[str]:
    start = html.index('class="breadcrumb"')
    trail = html[start : html.index("</ol>", start)]
    return [re.sub(r"<[^>]+>", "", "<li" + item).strip("/ \n") for item in trail.split("<li")[1:]]


def _title(html: str) -> str:
    return re.search(r"<title>(.*?)</title>", html, re.S).group(1).strip()


@pytest.mark.django_db
def test_english_section_page_has_english_chrome(client, site_tree):
    html = client.get("/scambi/", HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert _title(html).startswith("Exchanges · ")
    assert '<meta property="og:title" content="Exchanges">' in html
    assert _breadcrumbs(html) == ["Home", "Exchanges"]


@pytest.mark.django_db
def test_breadcrumbs_of_every_section_are_english(client, site_tree):
    # practices' templates set their own <title> block (page.title): listed for its owner.
    html = client.get("/buone-pratiche/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert _breadcrumbs(html) == ["Home", "Good practices"]


@pytest.mark.django_db
def test_italian_section_page_keeps_the_page_titles(client, site_tree):
    html = client.get("/buone-pratiche/", HTTP_ACCEPT_LANGUAGE="it").content.decode()

    assert _title(html).startswith("Buone pratiche · ")
    assert _breadcrumbs(html) == ["Scambi tra Comuni", "Buone pratiche"]


@pytest.mark.django_db
@pytest.mark.parametrize(("path", "name"), [("/eventi/", "Events"), ("/strumenti/", "Toolbox")])
def test_english_section_pages_name_the_section_in_english(client, site_tree, path, name):
    html = client.get(path, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert _breadcrumbs(html) == ["Home", name]


@pytest.mark.django_db
def test_home_title_is_translated(client, site_tree):
    assert _title(client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()).startswith("Home")
    assert _title(client.get("/", HTTP_ACCEPT_LANGUAGE="it").content.decode()).startswith("Inizio")
