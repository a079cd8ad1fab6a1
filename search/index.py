"""Keeping the index in step with the content. Other apps ask for updates through
``core.indexing.schedule_update`` (after commit, through the task queue); its task calls
``apply_update`` here (registered in ``search.apps``). ``remove_object`` stays direct: the
object is being deleted.

Indexing never breaks the edit that caused it: a failure is logged and ``rebuild_search_index``
repairs the index.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator

from core.indexing import FREE_SEATS
from search.builders import CHECKED_ATTR, builder_for, builders, key_for
from search.documents import DocumentData
from search.engines import write_engines

logger = logging.getLogger(__name__)
BATCH_SIZE = 500


def _write(method: str, payload: list, what: str) -> None:
    """Write to every engine; one that fails (a cluster that is down) does not stop the
    others, and never the edit that caused the write."""
    for engine in write_engines():
        try:
            getattr(engine, method)(payload)
        except Exception:
            if engine.name == "database":
                logger.exception("Could not index %s", what)
            else:
                logger.warning("Could not index %s on %s", what, engine.name, exc_info=True)


def update_object(obj) -> None:
    """Index ``obj`` again (or drop it, when its builder says it is no longer searchable),
    and the objects whose documents show it (e.g. the organisation that publishes it)."""
    builder = builder_for(type(obj))
    if builder is None:
        return
    key = builder.key(obj)
    try:
        document = builder.build(obj)
        before = indexed_title(key)
        after = document.title if document is not None else None
        # Other documents list this one by title: only a new title, or the document coming or
        # going, concerns them (a registration changing free seats does not).
        related = builder.related(obj) if before != after else []
    except Exception:
        logger.exception("Could not index %s", key_for(obj))
        return
    if document is None:
        _write("delete", [key], key_for(obj))
    else:
        _write("upsert", [document], key_for(obj))
    for other in related:
        update_object(other)


def apply_update(obj, fields: frozenset[str] | None) -> None:
    """The handler of ``core.indexing``: only the free-seat figure when that is all that
    changed (a registration), the whole document otherwise."""
    if fields == frozenset({FREE_SEATS}):
        update_free_seats(obj)
    else:
        update_object(obj)


def update_free_seats(obj) -> None:
    """Rewrite the free-seat figure of ``obj``'s document, on every engine that can do just
    that; the whole document where it cannot (see ``DatabaseEngine.set_free_seats``)."""
    builder = builder_for(type(obj))
    if builder is None:
        return
    try:
        key, seats = builder.key(obj), builder.free_seats(obj)
    except NotImplementedError:
        update_object(obj)
        return
    except Exception:
        logger.exception("Could not compute the free seats of %s", key_for(obj))
        return
    for engine in write_engines():
        setter = getattr(engine, "set_free_seats", None)
        try:
            done = setter is not None and setter(key, seats)
        except Exception:
            logger.warning("Could not set free seats of %s on %s", key, engine.name, exc_info=True)
            done = False
        if not done:
            update_object(obj)
            return


def indexed_title(key: str) -> str | None:
    from search.engines.bitmaps import index_state
    from search.models import SearchDocument

    return (
        SearchDocument.objects.filter(generation=index_state()[0], key=key)
        .values_list("title", flat=True)
        .first()
    )


def remove_object(obj) -> None:
    builder = builder_for(type(obj))
    if builder is None:
        return
    _write("delete", [builder.key(obj)], key_for(obj))
    try:
        related = builder.related(obj)
    except Exception:  # the object is being deleted: what pointed at it may be gone too
        related = []
    for other in related:
        update_object(other)


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
    engine=None,
) -> int:
    """Build a new index beside the live one and switch to it; return the number indexed.
    Searches keep being answered by the old index until the switch, and writes made during
    the rebuild reach the new one. Without ``engine``: every engine written to."""
    indexed = 0
    targets = [engine] if engine is not None else write_engines()
    if documents is not None and len(targets) > 1:
        documents = list(documents)
    for target in targets:
        indexed = target.rebuild(all_documents() if documents is None else documents, progress)
    return indexed
