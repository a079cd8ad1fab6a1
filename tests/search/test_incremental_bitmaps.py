"""After a change to the index, each process applies the logged changes to its bitmaps
instead of loading everything again; the results are those of a full load."""

import datetime

import pytest
from django.utils import timezone

from search.engines import bitmaps as bitmaps_module
from search.engines import database
from search.engines.bitmaps import get_bitmaps
from search.engines.database import DatabaseEngine
from search.index import rebuild
from search.models import SearchDocument, SearchIndexChange, SearchIndexState
from search.services import search
from tests.search.factories import document, index

pytestmark = pytest.mark.django_db


@pytest.fixture
def full_loads(monkeypatch):
    """Counts the full loads of the bitmaps."""
    calls = []
    original = bitmaps_module._load

    def counting(*args):
        calls.append(args)
        return original(*args)

    monkeypatch.setattr(bitmaps_module, "_load", counting)
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
    assert get_bitmaps().change_id == SearchIndexChange.objects.latest("id").id


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


def test_cached_words_are_repaired_from_the_changed_documents_only(monkeypatch, full_loads):
    garden, library = index(
        document("Orti urbani", "orti e cortili"),
        document("Biblioteca di quartiere", "libri e volontari"),
    )
    assert keys(search("orti")) == [garden.url]
    assert keys(search("biblioteca")) == [library.url]

    asked = []
    original = DatabaseEngine.term_ids

    def spy(self, kind, term, among=None):
        asked.append((kind, term, among))
        return original(self, kind, term, among=among)

    monkeypatch.setattr(DatabaseEngine, "term_ids", spy)
    garden.body = "cortili"
    garden.title = "Cortili aperti"
    library.body = "libri, volontari e orti sul tetto"
    index(garden, library)

    assert keys(search("orti")) == [library.url]
    assert keys(search("biblioteca")) == [library.url]
    ids = sorted(SearchDocument.objects.values_list("id", flat=True))
    assert asked and all(among == ids for _kind, _term, among in asked)
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


def test_pruned_changes_that_a_process_missed_make_it_load_everything(full_loads):
    index(document("Orti urbani", "orti"))
    search("orti")
    index(document("Altri orti", "orti"))
    last = SearchIndexChange.objects.latest("id").id
    SearchIndexState.objects.filter(pk=1).update(pruned_through=last)
    assert search("orti").total == 2
    assert len(full_loads) == 2


def test_a_long_lag_loads_everything(monkeypatch, full_loads):
    monkeypatch.setattr(bitmaps_module, "MAX_INCREMENTAL_CHANGES", 2)
    index(document("Orti urbani", "orti"))
    search("orti")
    index(*[document(f"Orti {n}", "orti") for n in range(3)])
    assert search("orti").total == 4
    assert len(full_loads) == 2


def test_the_change_log_is_pruned(monkeypatch):
    monkeypatch.setattr(database, "KEEP_CHANGES", 4)
    monkeypatch.setattr(database, "PRUNE_EVERY", 3)
    (doc,) = index(document("Orti urbani", "orti"))
    for n in range(10):
        doc.body = f"orti {n}"
        index(doc)
    last = SearchIndexChange.objects.latest("id").id
    state = SearchIndexState.objects.get(pk=1)
    assert 0 < state.pruned_through <= last - 4
    assert SearchIndexChange.objects.filter(id__lte=state.pruned_through).count() == 0
    assert SearchIndexChange.objects.count() <= 4 + 3


@pytest.mark.django_db(transaction=True)
def test_a_rebuild_numbers_documents_from_one_again():
    index(*[document(f"Orti {n}", "orti") for n in range(5)])
    # Outside any transaction, as the command runs: PostgreSQL also vacuums at the end.
    assert rebuild(iter([document("Regolamento", "beni comuni")])) == 1
    assert SearchDocument.objects.get().id == 1
    assert get_bitmaps().size == 2
    assert search("regolamento").total == 1
