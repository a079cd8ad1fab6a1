"""One way to update the search index: ``core.indexing.schedule_update`` runs the registered
handlers after the commit, through the task queue; a registration rewrites only the free-seat
figure, without the index writers' lock."""

import pytest
from django.db import transaction

from core import indexing
from events import services
from search import index
from search.models import SearchDocument, SearchIndexState
from search.services import search
from tests.events.factories import make_offer, make_session, member_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def calls(settings):
    settings.INDEX_UPDATES_AFTER_COMMIT = True
    seen = []
    indexing.register_index_handler("test", lambda obj, fields: seen.append((obj, fields)))
    yield seen
    indexing._handlers.pop("test")


def test_update_runs_after_commit_through_the_queue(
    calls, site_tree, django_capture_on_commit_callbacks
):
    offer = make_offer()
    calls.clear()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        indexing.schedule_update(offer, fields={"free_seats"})
        assert calls == []  # nothing before the commit
    assert len(callbacks) == 1
    [(obj, fields)] = calls
    assert obj.pk == offer.pk and type(obj).__name__ == "ExchangeOfferPage"  # the specific page
    assert fields == frozenset({"free_seats"})


def test_nothing_is_indexed_for_a_rolled_back_change(calls, site_tree):
    offer = make_offer()
    calls.clear()
    with pytest.raises(RuntimeError), transaction.atomic():
        indexing.schedule_update(offer)
        raise RuntimeError
    assert calls == []


def test_a_failing_handler_never_fails_the_update(calls, site_tree, settings):
    settings.INDEX_UPDATES_AFTER_COMMIT = False
    offer = make_offer()
    indexing.register_index_handler("broken", lambda obj, fields: 1 / 0)
    try:
        indexing.schedule_update(offer)
    finally:
        indexing._handlers.pop("broken")
    assert calls[-1][0].pk == offer.pk


def test_a_registration_updates_only_the_free_seat_figure(site_tree):
    offer = make_offer(title="Scambio sugli orti urbani")
    session = make_session(offer, capacity=3)
    index.update_object(offer)
    version = SearchIndexState.objects.get().version

    services.register_for_session(session, member_of())

    assert SearchDocument.objects.get(key__endswith=str(offer.pk), doc_type="offer").free_seats == 2
    # No writer's lock, no bitmap written: the index version did not move.
    assert SearchIndexState.objects.get().version == version
    assert search("orti", {"free_seats": ["yes"]}).total == 1


def test_the_last_seat_flips_the_free_seats_facet(site_tree):
    offer = make_offer(title="Scambio sugli orti urbani")
    session = make_session(offer, capacity=1)
    index.update_object(offer)
    version = SearchIndexState.objects.get().version

    services.register_for_session(session, member_of())

    assert SearchIndexState.objects.get().version > version  # the bitmaps changed
    assert search("orti", {"free_seats": ["yes"]}).total == 0
    assert search("orti").total >= 1


def test_a_refused_registration_schedules_nothing(calls, site_tree, settings):
    settings.INDEX_UPDATES_AFTER_COMMIT = False
    session = make_session(make_offer(), capacity=3)
    person = member_of()
    services.register_for_session(session, person)
    calls.clear()
    with pytest.raises(services.AlreadyRegistered):
        services.register_for_session(session, person)
    assert calls == []
