"""A rebuild fills a new generation beside the live one and switches in one step: searches keep
their results while it runs, writes made meanwhile (a registration) reach the new index, and a
crash leaves the old index serving."""

import pytest

from search import index
from search.engines import get_engine
from search.models import SearchBitmap, SearchDocument, SearchIndexChange, SearchIndexState
from search.services import search
from tests.events.factories import make_offer, make_session, member_of
from tests.factories import OrganisationFactory
from tests.search.factories import document
from tests.search.factories import index as add

pytestmark = pytest.mark.django_db


def rebuilt_with(documents, during=None, fail_after=None):
    """Rebuild from ``documents``, calling ``during()`` after the first one was read."""

    def stream():
        for number, doc in enumerate(documents):
            if fail_after is not None and number == fail_after:
                raise RuntimeError("the rebuild crashed")
            yield doc
            if number == 0 and during:
                during()

    return index.rebuild(stream())


def test_searches_keep_their_results_while_a_rebuild_runs():
    add(document("Orti urbani", "orti"))
    seen = []
    rebuilt_with(
        [document("Orti sul tetto", "orti"), document("Regolamento", "beni comuni")],
        during=lambda: seen.append(search("orti").total),
    )
    assert seen == [1]  # the old index answered, not an empty one
    assert [hit.title for hit in search("orti").hits] == ["Orti sul tetto"]


def test_a_write_during_the_rebuild_reaches_the_new_index():
    old = add(document("Visita a Cesena", "scambio", doc_type="offer", free_seats=3))[0]
    old.free_seats = 2
    late = document("Visita a Monza", "scambio", doc_type="offer", free_seats=1)
    rebuilt_with(
        [document("Visita a Cesena", "scambio", key=old.key, doc_type="offer", free_seats=3)],
        during=lambda: get_engine().upsert([old, late]),
    )
    results = search("visita")
    assert {hit.title: hit.free_seats for hit in results.hits} == {
        "Visita a Cesena": 2,
        "Visita a Monza": 1,
    }
    assert SearchDocument.objects.count() == 2  # the old generation is gone
    assert not SearchIndexChange.objects.exists()
    assert SearchIndexState.objects.get().building is None


def test_a_deletion_during_the_rebuild_is_replayed():
    gone = add(document("Orti urbani", "orti"))[0]
    rebuilt_with(
        [document("Orti urbani", "orti", key=gone.key), document("Altri orti", "orti")],
        during=lambda: get_engine().delete([gone.key]),
    )
    assert [hit.title for hit in search("orti").hits] == ["Altri orti"]


def test_a_registration_during_the_rebuild_neither_fails_nor_empties_search(
    site_tree, django_capture_on_commit_callbacks
):
    host = OrganisationFactory(name="Comune di Cesena")
    offer = make_offer(host, title="Scambio sugli spazi di comunità")
    session = make_session(offer, capacity=2)
    index.update_object(offer)
    person = member_of(OrganisationFactory())
    totals = []

    def register():
        with django_capture_on_commit_callbacks(execute=True):
            from events import services

            services.register_for_session(session, person)
        totals.append(search("spazi comunità", {"type": ["offer"]}).total)

    rebuilt_with(list(index.all_documents()), during=register)
    assert totals == [1]
    hit = search("spazi comunità", {"type": ["offer"]}).hits[0]
    assert hit.free_seats == 1


def test_a_crash_leaves_the_old_index_serving_and_the_next_rebuild_cleans_up(monkeypatch):
    from search.engines import database_rebuild

    # the first document is written, then a crash
    monkeypatch.setattr(database_rebuild, "BATCH_SIZE", 1)
    add(document("Orti urbani", "orti"))
    generation = SearchIndexState.objects.get().generation
    with pytest.raises(RuntimeError):
        rebuilt_with([document("Nuovo", "orti"), document("Altro", "orti")], fail_after=1)
    assert SearchIndexState.objects.get().generation == generation
    assert [hit.title for hit in search("orti").hits] == ["Orti urbani"]
    add(document("Orti in piazza", "orti"))  # writes still work, and are logged
    assert search("orti").total == 2
    assert SearchDocument.objects.exclude(generation=generation).exists()  # leftovers
    assert SearchIndexState.objects.get().building is not None

    rebuilt_with([document("Regolamento", "beni comuni")])
    assert search("orti").total == 0 and search("regolamento").total == 1
    live = SearchIndexState.objects.get().generation
    assert set(SearchDocument.objects.values_list("generation", flat=True)) == {live}
    assert set(SearchBitmap.objects.values_list("generation", flat=True)) == {live}


def test_a_rebuild_forgets_words_no_document_has():
    from search.models import SearchWord

    add(document("Orti di Rossini", "orti"))
    assert SearchWord.objects.filter(word="rossini").exists()
    rebuilt_with(
        [document("Orti urbani", "orti")], during=lambda: add(document("Verdi", "giardini"))
    )
    words = set(SearchWord.objects.values_list("word", flat=True))
    assert "rossini" not in words
    assert {"orti", "urbani", "verdi", "giardini"} <= words
    assert search("ros").total == 0 and search("giard").total == 1
