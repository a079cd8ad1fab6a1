"""The human site map reads its sections' pages in a fixed number of queries, alphabetically,
at most MAX_CHILDREN a section, and never shows a restricted page."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageViewRestriction

from core.site_map import MAX_CHILDREN
from tests.practices.factories import make_practice


def _count(client) -> tuple[int, str]:
    client.get("/mappa-del-sito/")  # warm the per-site caches (menu, Site)
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/mappa-del-sito/", HTTP_ACCEPT_LANGUAGE="it")
    assert response.status_code == 200
    return len(queries), response.content.decode()


@pytest.mark.django_db
def test_the_site_map_costs_the_same_whatever_the_sections_hold(client, site_tree):
    make_practice(title="Pratica zero")
    few, _html = _count(client)
    for number in range(MAX_CHILDREN + 3):
        make_practice(title=f"Pratica {number:02d}")
    many, html = _count(client)
    assert many == few
    assert few <= 8, few
    # Alphabetical, cut at MAX_CHILDREN with a link to the whole section.
    assert html.index("Pratica 00") < html.index("Pratica 01")
    assert f"Pratica {MAX_CHILDREN - 2:02d}" in html
    assert "Pratica zero" not in html
    assert "Tutte le pagine di questa sezione" in html


@pytest.mark.django_db
def test_the_site_map_hides_restricted_pages_and_sections(client, site_tree):
    hidden = make_practice(title="Pratica riservata")
    shown = make_practice(title="Pratica pubblica")
    PageViewRestriction.objects.create(page=hidden, restriction_type="login")
    _count_, html = _count(client)
    assert "Pratica pubblica" in html and "Pratica riservata" not in html
    section = Page.objects.get(pk=shown.get_parent().pk)
    PageViewRestriction.objects.create(page=section, restriction_type="login")
    _count_, html = _count(client)
    assert "Pratica pubblica" not in html and section.title not in html.split("site-map")[1]
