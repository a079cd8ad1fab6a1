"""An English page shows the taxonomy and the format of a hit in English: the index keeps the
Italian labels it was written with, the service translates them for the reader."""

import pytest

from search.documents import DocumentData
from tests.search.factories import index


def _document(**facets) -> DocumentData:
    return DocumentData(
        key="tests.doc:english-labels",
        doc_type="session",
        title="Visita di studio sui patti",
        body="patti",
        url="/doc/english-labels/",
        facets=facets,
    )


@pytest.fixture
def taxonomy(db):
    from practices.models import Instrument, Theme

    Theme.objects.create(name_it="Scuole", name_en="Schools", slug="scuole")
    Theme.objects.create(name_it="Beni comuni", name_en="", slug="beni-comuni")
    Instrument.objects.create(
        name_it="Patto di collaborazione", name_en="Collaboration pact", slug="patto"
    )
    index(
        _document(
            theme=[("scuole", "Scuole"), ("beni-comuni", "Beni comuni")],
            instrument=[("patto", "Patto di collaborazione")],
            mode=[("in_person", "In presenza")],
        )
    )


@pytest.mark.django_db
def test_search_page_in_english_shows_english_taxonomy_labels(client, taxonomy):
    html = client.get("/search/", {"q": "patti"}, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Themes: Schools, Beni comuni" in html  # no English name: the Italian one
    assert "Instruments: Collaboration pact" in html
    assert "Format: In person" in html
    assert "Patto di collaborazione" not in html


@pytest.mark.django_db
def test_search_page_in_italian_keeps_italian_labels(client, taxonomy):
    html = client.get("/search/", {"q": "patti"}, HTTP_ACCEPT_LANGUAGE="it").content.decode()
    assert "Patto di collaborazione" in html
    assert "Collaboration pact" not in html
    assert "In presenza" in html


@pytest.mark.django_db
def test_api_hits_in_english_carry_english_labels(client, taxonomy):
    hit = client.get("/api/search/", {"q": "patti"}, HTTP_ACCEPT_LANGUAGE="en").json()["results"][0]
    assert hit["facets"]["theme"] == ["Schools", "Beni comuni"]
    assert hit["facets"]["instrument"] == ["Collaboration pact"]
