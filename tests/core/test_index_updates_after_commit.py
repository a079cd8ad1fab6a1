"""``core.indexing.schedule_update`` is the one way writers tell the search index: the update
runs once the transaction commits, never on rollback."""

import pytest
from django.db import transaction

from core import indexing

pytestmark = pytest.mark.index_after_commit


@pytest.fixture
def updates(monkeypatch):
    seen: list = []
    monkeypatch.setattr(indexing, "_updaters", [seen.append])
    return seen


def test_an_update_waits_for_the_commit(db, updates, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        indexing.schedule_update("practice")
        assert updates == []
    assert updates == ["practice"]


def test_a_rolled_back_change_updates_nothing(db, updates, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        try:
            with transaction.atomic():
                indexing.schedule_update("practice")
                raise RuntimeError("the edit fails")
        except RuntimeError:
            pass
    assert callbacks == []
    assert updates == []


def test_search_registers_the_updater():
    from search.index import update_object

    assert update_object in indexing._updaters
