"""Writers to the index queue on the state row, so versions are committed in the order they
are numbered and a process never skips a change committed after one it has seen."""

import threading
import time

import pytest
from django.db import connection, transaction

from search.engines.bitmaps import get_bitmaps
from search.engines.database import DatabaseEngine
from search.models import SearchDocument, SearchIndexState
from search.services import search
from tests.search.factories import document, index

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="concurrent writers need PostgreSQL (SQLite takes one writer at a time anyway)",
    ),
]


def in_thread(target):
    def run():
        try:
            target()
        finally:
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    return thread


def test_a_second_writer_waits_for_the_first_and_no_change_is_missed():
    index(document("Orti urbani", "orti"))
    assert search("orti").total == 1
    first_holds_lock, first_may_commit = threading.Event(), threading.Event()
    first_doc, second_doc = document("Orti sul tetto", "orti"), document("Orti in piazza", "orti")

    def first_writer():
        with transaction.atomic():
            DatabaseEngine().upsert([first_doc])
            first_holds_lock.set()
            first_may_commit.wait(10)

    first = in_thread(first_writer)
    assert first_holds_lock.wait(10)
    second = in_thread(lambda: DatabaseEngine().upsert([second_doc]))
    time.sleep(0.5)
    assert second.is_alive(), "the second writer should wait for the first one's commit"
    assert search("orti").total == 1  # neither is committed: this process sees neither
    first_may_commit.set()
    first.join(10)
    second.join(10)

    assert search("orti").total == 3
    ids = dict(SearchDocument.objects.values_list("key", "id"))
    assert ids[first_doc.key] < ids[second_doc.key]
    assert get_bitmaps().all.bit_count() == 3
    assert get_bitmaps().version == SearchIndexState.objects.get().version


def test_a_write_in_another_connection_during_a_rebuild_reaches_the_new_index():
    from search import index as search_index

    (add_first,) = index(document("Visita a Cesena", "scambio", free_seats=3))
    reading, may_go_on = threading.Event(), threading.Event()

    def slow_documents():
        yield document("Visita a Cesena", "scambio", key=add_first.key, free_seats=3)
        reading.set()
        may_go_on.wait(10)
        yield document("Visita a Monza", "scambio")

    rebuild = in_thread(lambda: search_index.rebuild(slow_documents()))
    assert reading.wait(10)
    add_first.free_seats = 2
    DatabaseEngine().upsert([add_first])  # a registration, while the rebuild runs
    assert search("visita").total == 1  # the old index still answers
    may_go_on.set()
    rebuild.join(20)
    results = search("visita")
    assert {hit.title: hit.free_seats for hit in results.hits} == {
        "Visita a Cesena": 2,
        "Visita a Monza": None,
    }
