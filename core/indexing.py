"""The one way to ask for a search-index update: ``schedule_update(obj)``.

Writers (publishing, the registration engine, communities) call it inside their transaction;
once it commits, a task of the queue (``django_tasks``: the ``db_worker`` in production, at
once in dev and tests) loads the object afresh and hands it to the registered handlers. So an
index update never runs on a request's critical path in production, never for a change that
was rolled back, and a failing search engine never fails the change that caused it.

``fields`` narrows what changed: ``{"free_seats"}`` from the engine lets the search app rewrite
only the free-seat figure of a document. Core imports no app: the search app registers its
handler in ``search.apps.SearchConfig.ready`` with ``register_index_handler``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable

from django.apps import apps
from django.conf import settings
from django.db import models, transaction
from django_tasks import task

logger = logging.getLogger(__name__)

#: ``handler(obj, fields)``: ``fields`` is None (anything may have changed) or a frozenset.
IndexHandler = Callable[[models.Model, frozenset[str] | None], None]
_handlers: dict[str, IndexHandler] = {}

FREE_SEATS = "free_seats"


def register_index_handler(name: str, handler: IndexHandler) -> None:
    _handlers[name] = handler


def schedule_update(obj: models.Model, *, fields: Iterable[str] | None = None) -> None:
    """Update the index entry of ``obj`` after the current transaction commits (at once
    outside a transaction), through the task queue."""
    label, pk = obj._meta.label_lower, obj.pk
    names = sorted(set(fields)) if fields is not None else None

    def enqueue() -> None:
        try:
            update_index.enqueue(label, pk, names)
        except Exception:
            logger.exception("could not enqueue the index update of %s %s", label, pk)

    if getattr(settings, "INDEX_UPDATES_AFTER_COMMIT", True):
        transaction.on_commit(enqueue)
    else:
        # The test settings: a test's transaction never commits, so the update runs now.
        enqueue()


def run_handlers(obj: models.Model, fields: frozenset[str] | None) -> None:
    for name, handler in _handlers.items():
        try:
            handler(obj, fields)
        except Exception:
            # The index is repaired by the weekly rebuild; other handlers still run.
            logger.exception("index handler %s failed for %r", name, obj)


@task()
def update_index(label: str, pk: int, fields: list[str] | None = None) -> bool:
    """Load the object afresh and hand it to the handlers; False when it is gone (its
    removal is the deletion signal's business)."""
    model = apps.get_model(label)
    obj = model._default_manager.filter(pk=pk).first()
    if obj is None:
        return False
    specific = getattr(obj, "specific", obj)  # a Wagtail page: its own type's builder
    run_handlers(specific, frozenset(fields) if fields is not None else None)
    return True
