"""Keeping the index in step with the content. Other apps call ``update_object(obj)`` or
``remove_object(obj)`` when something searchable changes outside Wagtail's publishing signals
(e.g. events, when a registration changes the free seats of a session).

Indexing never breaks the edit that caused it: a failure is logged and ``rebuild_search_index``
repairs the index.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator

from search.builders import CHECKED_ATTR, builder_for, builders, key_for
from search.documents import DocumentData
from search.engines import get_engine

logger = logging.getLogger(__name__)
BATCH_SIZE = 500


def update_object(obj) -> None:
    """Index ``obj`` again (or drop it, when its builder says it is no longer searchable)."""
    builder = builder_for(type(obj))
    if builder is None:
        return
    try:
        document = builder.build(obj)
        engine = get_engine()
        if document is None:
            engine.delete([builder.key(obj)])
        else:
            engine.upsert([document])
        for related in builder.related(obj):
            update_object(related)
    except Exception:
        logger.exception("Could not index %s", key_for(obj))


def remove_object(obj) -> None:
    builder = builder_for(type(obj))
    if builder is None:
        return
    try:
        get_engine().delete([builder.key(obj)])
        for related in builder.related(obj):
            update_object(related)
    except Exception:
        logger.exception("Could not remove %s from the index", key_for(obj))


def update_page_tree(page) -> None:
    """After a move: the page and every page under it have new URLs."""
    for descendant in page.get_descendants(inclusive=True).specific().iterator():
        update_object(descendant)


def all_documents() -> Iterator[DocumentData]:
    for builder in builders():
        queryset = builder.queryset()
        if builder.specific and hasattr(queryset, "specific"):
            queryset = queryset.specific()
        batch = []
        for obj in queryset.iterator(chunk_size=BATCH_SIZE):
            batch.append(obj)
            if len(batch) == BATCH_SIZE:
                yield from _build_batch(builder, batch)
                batch = []
        yield from _build_batch(builder, batch)


def _build_batch(builder, objects: list) -> Iterator[DocumentData]:
    if not objects:
        return
    builder.prepare(objects)
    for obj in objects:
        # The builder's queryset already holds only live, public objects.
        setattr(obj, CHECKED_ATTR, True)
        document = builder.build(obj)
        if document is not None:
            yield document


def count_objects() -> int:
    return sum(builder.queryset().count() for builder in builders())


def rebuild(
    documents: Iterator[DocumentData] | None = None,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Build a new index beside the live one and switch to it; return the number indexed.
    Searches keep being answered by the old index until the switch, and writes made during
    the rebuild are replayed into the new one."""
    engine = get_engine()
    return engine.rebuild(all_documents() if documents is None else documents, progress)
