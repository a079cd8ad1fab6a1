"""After a change to the index, each process reads the bitmap rows written since its own
version instead of loading everything again; the results are those of a full load."""

import datetime

import pytest
from django.utils import timezone

from search.engines import bitmaps as bitmaps_module
from search.engines.bitmaps import get_bitmaps
from search.engines.database import DatabaseEngine
from search.index import rebuild
from search.models import SearchBitmap, SearchDocument, SearchIndexState
from search.services import search
from tests.search.factories import document, index

pytestmark = pytest.mark.django_db


@pytest.fixture
def full_loads(monkeypatch):
    """Counts the full loads of the bitmaps."""
    calls = []
    original = bitmaps_module.load

    def counting(*args):
        calls.append(args)
        return original(*args)

    monkeypatch.setattr(bitmaps_module, "load", counting)
    return calls


def counts(results, facet):
    return {value.value: value.count for value in results.facets.get(facet, [])}


def keys(results):
    return [hit.url for hit in results.hits]


def test_a_changed_facet_moves_the_counts_without_a_full_load(full_loads):
    turin, milan = index(
        document("Orti in Piemonte", "orti condivisi", facets={"region": ["piemonte"]}),
        document("Orti in Lombardia", "orti condivisi", facets={"region": ["lombardia"]}),
    )
    assert counts(search("orti"), "region") == {"piemonte": 1, "lombardia": 1}
    assert len(full_loads) == 1

    turin.facets = {"region": [("lombardia", "Lombardia")]}
    index(turin)
    results = search("orti")
    assert counts(results, "region") == {"lombardia": 2}
    assert results.total == 2
    assert len(full_loads) == 1
    assert get_bitmaps().version == SearchIndexState.objects.get().version


def test_documents_are_rewritten_in_place(full_loads):
    (doc,) = index(document("Casa di quartiere", "volontari"))
    first_id = SearchDocument.objects.get(key=doc.key).id
    doc.title = "Casa di quartiere a Reggio Emilia"
    index(doc)
    assert SearchDocument.objects.get(key=doc.key).id == first_id
    assert SearchDocument.objects.count() == 1


def test_a_deleted_document_leaves_results_counts_and_free_seats(full_loads):
    session, other = index(
        document("Visita a Bologna", "scambio", doc_type="session", free_seats=3),
        document("Visita a Torino", "scambio", doc_type="session", free_seats=2),
    )
    assert search("visita", {"free_seats": ["yes"]}).total == 2
    DatabaseEngine().delete([session.key])
    results = search("visita", {"free_seats": ["yes"]})
    assert results.total == 1 and keys(results) == [other.url]
    assert counts(search(""), "type") == {"session": 1}
    assert len(full_loads) == 1


def test_cached_words_follow_the_rewritten_rows_only(full_loads):
    garden, library = index(
        document("Orti urbani", "orti e cortili"),
        document("Biblioteca di quartiere", "libri e volontari"),
    )
    assert keys(search("orti")) == [garden.url]
    assert keys(search("biblioteca")) == [library.url]
    before = get_bitmaps().version
    garden.body = "cortili"
    garden.title = "Cortili aperti"
    library.body = "libri, volontari e orti sul tetto"
    index(garden, library)

    assert keys(search("orti")) == [library.url]
    assert keys(search("biblioteca")) == [library.url]
    changed = set(SearchBitmap.objects.filter(version__gt=before).values_list("kind", "name"))
    assert ("title", "orti") in changed and ("body", "libr") not in changed
    assert len(full_loads) == 1


def test_a_registration_rewrites_no_bitmap_until_the_last_seat_goes(full_loads):
    (session,) = index(document("Visita a Bologna", "scambio", doc_type="session", free_seats=3))
    assert search("", {"free_seats": ["yes"]}).total == 1
    before = SearchBitmap.objects.count(), get_bitmaps().version
    session.free_seats = 2
    index(session)
    assert not SearchBitmap.objects.filter(version__gt=before[1]).exists()
    assert search("visita").hits[0].free_seats == 2
    session.free_seats = 0
    index(session)
    assert search("", {"free_seats": ["yes"]}).total == 0
    assert len(full_loads) == 1


def test_a_new_date_reorders_the_results(full_loads):
    now = timezone.now()
    old, new = index(
        document("Patto per il parco", "patti", date=now - datetime.timedelta(days=30)),
        document("Patto per la piazza", "patti", date=now - datetime.timedelta(days=1)),
    )
    assert keys(search("patti", sort="date")) == [new.url, old.url]
    old.date = now
    index(old)
    assert keys(search("patti", sort="date")) == [old.url, new.url]
    assert len(full_loads) == 1


def test_a_session_that_moves_into_the_past_leaves_upcoming(full_loads):
    now = timezone.now()
    (session,) = index(
        document(
            "Laboratorio sui patti",
            doc_type="session",
            date=now + datetime.timedelta(days=3),
            event_end=now + datetime.timedelta(days=3, hours=2),
        )
    )
    assert counts(search(""), "when")["upcoming"] == 1
    session.event_end = now - datetime.timedelta(days=1)
    index(session)
    when = counts(search(""), "when")
    assert when.get("upcoming", 0) == 0 and when["past"] == 1
    assert len(full_loads) == 1


def test_a_rebuild_makes_every_process_load_everything(full_loads):
    index(document("Orti urbani", "orti"))
    search("orti")
    generation = get_bitmaps().generation
    DatabaseEngine().clear()
    index(document("Regolamento", "beni comuni"))
    assert search("orti").total == 0
    assert get_bitmaps().generation != generation
    assert len(full_loads) == 2


@pytest.mark.django_db(transaction=True)
def test_a_rebuild_numbers_bitmaps_from_its_first_document():
    index(*[document(f"Orti {n}", "orti") for n in range(5)])
    # Outside any transaction, as the command runs: PostgreSQL also vacuums at the end.
    assert rebuild(iter([document("Regolamento", "beni comuni")])) == 1
    bitmaps = get_bitmaps()
    assert SearchDocument.objects.get().id == bitmaps.base
    assert bitmaps.all == 1
    assert search("regolamento").total == 1
