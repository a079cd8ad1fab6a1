"""Public pages render, in Italian by default, with a constant number of queries."""

import pytest
from django.urls import reverse

from practices.models import PracticeIndexPage

SECTION_URLS = [
    "/buone-pratiche/",
    "/scambi/",
    "/eventi/",
    "/comunita/",
    "/strumenti/",
    "/privacy/",
]


@pytest.mark.django_db
def test_home_page_renders_intro_navigation_and_empty_states(client, site_tree):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="it")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="it">' in html
    assert "Impariamo gli uni dagli altri" in html
    for label in ["Buone pratiche", "Scambi", "Eventi", "Comunità", "Strumenti", "Cerca"]:
        assert f"<span>{label}</span>" in html
    assert 'href="#main-content"' in html  # skip link
    # practices, offers, meetings and the map of regions, all empty on a new site
    assert html.count("empty-state") == 4


@pytest.mark.django_db
@pytest.mark.parametrize("url", SECTION_URLS)
def test_section_pages_render(client, site_tree, url):
    response = client.get(url)
    assert response.status_code == 200


HOME_PAGE_QUERIES = 17


def _add_pages(index, start: int, count: int) -> None:
    # The home page's "latest practices" section shows good-practice sheets.
    from tests.practices.factories import make_practice

    for number in range(start, start + count):
        make_practice(title=f"Pagina {number}")


@pytest.mark.django_db
def test_home_page_query_count_is_pinned_and_constant(client, site_tree):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    index = PracticeIndexPage.objects.get()
    _add_pages(index, 0, 2)
    client.get("/")  # warm Wagtail's site-root cache
    with CaptureQueriesContext(connection) as few:
        assert client.get("/").status_code == 200
    _add_pages(index, 2, 10)
    client.get("/")  # the new pages invalidated the cached menu: warm it again
    with CaptureQueriesContext(connection) as many:
        html = client.get("/").content.decode()
    assert html.count(">Pagina ") == 6  # the section shows the latest six
    assert len(many) == len(few) <= HOME_PAGE_QUERIES


@pytest.mark.django_db
def test_english_is_available_through_the_language_switch(client, site_tree):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert response.status_code == 302
    html = client.get("/").content.decode()
    assert '<html lang="en">' in html
    assert "Skip to main content" in html


@pytest.mark.django_db
def test_italian_is_the_default_language(client, site_tree):
    html = client.get("/", HTTP_ACCEPT_LANGUAGE="").content.decode()
    assert '<html lang="it">' in html
    assert "Vai al contenuto principale" in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("page", "status"), [("0", 400), ("-1", 400), ("abc", 400), ("2", 404), ("1", 200)]
)
def test_section_index_page_numbers(client, site_tree, page, status):
    assert client.get("/buone-pratiche/", {"page": page}).status_code == status
