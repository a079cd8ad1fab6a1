"""The search page: facets with counts, chips, sort, pages, htmx partial, bad parameters."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from search.engines import bitmaps
from tests.search.factories import document, index


@pytest.mark.django_db
def test_page_shows_hits_facets_and_count(client, corpus):
    response = client.get("/search/", {"q": "patti"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Patto di collaborazione per le scuole di Torino" in html
    assert 'role="status"' in html and 'aria-live="polite"' in html
    assert "<legend" in html and 'name="region"' in html
    assert "<mark>" in html


@pytest.mark.django_db
def test_filters_show_as_chips_with_remove_links(client, corpus):
    response = client.get("/search/", {"region": "piemonte", "theme": "scuole"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Patto di collaborazione per le scuole di Torino" in html
    assert "Tavolo di lavoro" not in html
    assert 'href="?theme=scuole"' in html  # removes the region filter, keeps the theme
    assert 'value="piemonte" id="f-region-' in html and "checked" in html


@pytest.mark.django_db
def test_htmx_requests_get_only_the_results_region(client, corpus):
    response = client.get("/search/", {"q": "patti"}, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="search-region"')
    assert "<html" not in html


@pytest.mark.django_db
def test_pages_keep_the_filters(client, db):
    index(
        *[document(f"Scheda {n}", "beni comuni", facets={"region": ["lazio"]}) for n in range(25)]
    )
    html = client.get("/search/", {"q": "beni", "region": "lazio"}).content.decode()
    assert 'href="?q=beni&amp;region=lazio&amp;page=2"' in html
    second = client.get("/search/", {"q": "beni", "region": "lazio", "page": "2"})
    assert second.status_code == 200
    assert "Pagina 2 di 2" in second.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "params",
    [
        {"page": "0"},
        {"page": "-1"},
        {"page": "abc"},
        {"page": str(10**9)},
        {"sort": "random"},
        {"region": "<script>alert(1)</script>"},
        {"when": "tomorrow"},
        {"free_seats": "maybe"},
    ],
)
def test_bad_parameters_are_a_clear_400(client, corpus, params):
    response = client.get("/search/", {"q": "patti", **params})
    assert response.status_code == 400
    html = response.content.decode()
    assert "alert-danger" in html
    assert "<script>alert(1)" not in html


@pytest.mark.django_db
def test_unknown_facet_names_are_ignored(client, corpus):
    response = client.get("/search/", {"q": "patti", "colour": "blue"})
    assert response.status_code == 200


@pytest.mark.django_db
def test_page_past_the_end_is_empty_not_an_error(client, corpus):
    response = client.get("/search/", {"q": "patti", "page": "7"})
    assert response.status_code == 200
    assert "first page" in response.content.decode() or "prima pagina" in response.content.decode()


@pytest.mark.django_db
def test_query_count_does_not_grow_with_data(client, db):
    def queries(params):
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/search/", params).status_code == 200
        return len(captured)

    facets = {"region": ["lazio"], "theme": ["orti", "scuole"]}
    index(*[document(f"Scheda {n}", "beni comuni", facets=facets) for n in range(3)])
    params = {"q": "beni", "region": "lazio", "theme": "orti"}
    small = queries(params)
    small_warm = queries(params)
    index(*[document(f"Altra {n}", "beni comuni", facets=facets) for n in range(40)])
    after_change = queries(params)
    assert queries(params) == small_warm
    bitmaps._cache.clear()  # as in a new process
    cache.clear()  # and an empty cache: the first request also built the menu
    assert queries(params) == small
    # Catching up with a change reads the log, the changed documents and their facets, and
    # repairs each cached word: a fixed number of queries, whatever the size of the change.
    index(document("Altra 0", "beni comuni, ancora", facets=facets))
    assert queries(params) == after_change
