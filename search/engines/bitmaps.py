"""In-memory facet bitmaps for the database engine.

Counting facets with SQL ``GROUP BY`` over tens of thousands of matching documents costs
hundreds of milliseconds; so each process keeps, per facet value, the set of documents that
have it as a bitmap (a Python ``int``, one bit per document id). The database still finds the
words (FTS5 or ``tsvector``); filtering and disjunctive counting are then ``&`` and
``bit_count()`` on bitmaps, microseconds per facet value.

Keeping up with the index costs one cheap query per search (``index_state``). Writers log the
ids of the documents they touch (``SearchIndexChange``); a process that is behind reads only
those documents and their facets again and builds new bitmaps from the old ones (copy on
write, so a search in another thread never sees a half-applied change). The cached bitmap of
each query word is repaired the same way, by asking the database about the changed documents
only. Only a new generation (the index emptied or rebuilt), pruned changes it missed or a very
long lag make a process load everything again.
"""

from __future__ import annotations

import bisect
import datetime
import heapq
import threading
from collections import OrderedDict
from dataclasses import dataclass, field, replace

from django.db import connection
from django.utils.dateparse import parse_datetime

MAX_CACHED_TERMS = 2000
#: More changes than this since a process last looked: load everything again instead.
MAX_INCREMENTAL_CHANGES = 5000
#: Batches of applied changes remembered for repairing cached word bitmaps.
TRACKED_BATCHES = 256
#: A cached word bitmap is repaired when at most this many of its documents changed.
MAX_TERM_REPAIR = 1000
_BITS = [tuple(bit for bit in range(8) if byte >> bit & 1) for byte in range(256)]


def mask_from_ids(ids, size: int) -> int:
    buffer = bytearray(size // 8 + 1)
    for i in ids:
        buffer[i >> 3] |= 1 << (i & 7)
    return int.from_bytes(buffer, "little")


def ids_from_mask(mask: int) -> list[int]:
    out: list[int] = []
    data = mask.to_bytes((mask.bit_length() + 7) // 8, "little")
    for index, byte in enumerate(data):
        if byte:
            base = index * 8
            out.extend(base + bit for bit in _BITS[byte])
    return out


def _as_datetime(value):
    if isinstance(value, str):
        value = parse_datetime(value)
    if value is not None and value.tzinfo is None:
        value = value.replace(tzinfo=datetime.UTC)
    return value


def _sort_key(document_id: int, date) -> tuple:
    """Ascending by date (undated first), then id: the newest document sorts last."""
    date = _as_datetime(date)
    return (True, date, document_id) if date is not None else (False, 0, document_id)


@dataclass
class TermCache:
    """Bitmaps of query words, shared by the successive bitmaps of one generation. Each entry
    remembers the change id it is valid for."""

    entries: OrderedDict = field(default_factory=OrderedDict)
    lock: threading.Lock = field(default_factory=threading.Lock)


@dataclass
class Bitmaps:
    generation: int
    #: The last logged change this state includes.
    change_id: int
    size: int
    all: int
    values: dict[tuple[str, str], int]
    labels: dict[tuple[str, str], str]
    free_seats: int
    #: Sort key of each document (see ``_sort_key``), and all keys in ascending order.
    key_of: dict[int, tuple]
    sorted_keys: list[tuple]
    #: document id -> end, for things on the calendar.
    events: dict[int, datetime.datetime]
    terms: TermCache = field(default_factory=TermCache)
    #: Applied batches of changes, oldest first: (change id after the batch, document ids).
    batches: tuple[tuple[int, frozenset[int]], ...] = ()
    #: Word bitmaps valid at this change id or later can be repaired from ``batches``.
    tracked_since: int = 0
    _moment_cache: dict = field(default_factory=dict)

    # --- query words ---------------------------------------------------------------------

    def term(self, kind: str, term: str, fetch) -> int:
        """The bitmap of one query word. ``fetch(kind, term, among=None)`` returns the ids of
        the documents with it (among the given ids only, when ``among`` is given)."""
        key = (kind, term)
        with self.terms.lock:
            entry = self.terms.entries.get(key)
            if entry is not None:
                self.terms.entries.move_to_end(key)
        if entry is not None:
            mask, valid_at = entry
            if valid_at == self.change_id:
                return mask
            changed = self.changed_after(valid_at)
            if changed is not None:
                found = fetch(kind, term, among=sorted(changed)) if changed else []
                mask = (mask & ~mask_from_ids(changed, self.size)) | mask_from_ids(found, self.size)
                return self._remember(key, mask & self.all)
        return self._remember(key, mask_from_ids(fetch(kind, term), self.size) & self.all)

    def _remember(self, key, mask: int) -> int:
        with self.terms.lock:
            self.terms.entries[key] = (mask, self.change_id)
            self.terms.entries.move_to_end(key)
            while len(self.terms.entries) > MAX_CACHED_TERMS:
                self.terms.entries.popitem(last=False)
        return mask

    def changed_after(self, change_id: int) -> set[int] | None:
        """Documents changed after ``change_id`` up to this state; None when unknown (too
        old, too many, or a state newer than this one)."""
        if change_id < self.tracked_since or change_id > self.change_id:
            return None
        changed: set[int] = set()
        for batch_end, ids in reversed(self.batches):
            if batch_end <= change_id:
                break
            changed |= ids
            if len(changed) > MAX_TERM_REPAIR:
                return None
        return changed

    def clear_term_cache(self) -> None:
        with self.terms.lock:
            self.terms.entries.clear()

    # --- order, facets, time -------------------------------------------------------------

    def newest(self, mask: int, wanted: int) -> list[int]:
        """The ``wanted`` newest documents of ``mask``."""
        if wanted <= 0 or not mask:
            return []
        if mask.bit_count() * 16 > self.size:
            # Dense: walk the date order and stop as soon as enough are found.
            data = mask.to_bytes(self.size // 8 + 1, "little")
            out = []
            for key in reversed(self.sorted_keys):
                i = key[2]
                if data[i >> 3] >> (i & 7) & 1:
                    out.append(i)
                    if len(out) == wanted:
                        break
            return out
        return heapq.nlargest(wanted, ids_from_mask(mask), key=self.key_of.__getitem__)

    def facet_values(self, name: str) -> list[tuple[str, int]]:
        return [(value, mask) for (facet, value), mask in self.values.items() if facet == name]

    def upcoming_past(self, now) -> tuple[int, int]:
        minute = now.replace(second=0, microsecond=0)
        cached = self._moment_cache.get("when")
        if cached and cached[0] == minute:
            return cached[1]
        upcoming = [i for i, end in self.events.items() if end >= minute]
        past = [i for i, end in self.events.items() if end < minute]
        masks = (mask_from_ids(upcoming, self.size), mask_from_ids(past, self.size))
        self._moment_cache["when"] = (minute, masks)
        return masks

    # --- keeping up with the index -------------------------------------------------------

    def with_changes(self, change_id: int, documents, facet_rows, changed: set[int]) -> Bitmaps:
        """New bitmaps: these, with the ``changed`` documents replaced by their current
        ``documents`` rows (absent when deleted) and ``facet_rows``."""
        size = max(self.size, max(changed) + 1)
        keep = ~mask_from_ids(changed, size)
        present = [row[0] for row in documents]
        added: dict[tuple[str, str], list[int]] = {}
        labels = dict(self.labels)
        for document_id, name, value, label in facet_rows:
            added.setdefault((name, value), []).append(document_id)
            labels[(name, value)] = label
        for document_id, doc_type, *_rest in documents:
            added.setdefault(("type", doc_type), []).append(document_id)
            labels.setdefault(("type", doc_type), doc_type)
        values = {key: mask & keep for key, mask in self.values.items()}
        for key, ids in added.items():
            values[key] = values.get(key, 0) | mask_from_ids(ids, size)
        for key in [key for key, mask in values.items() if not mask]:
            del values[key]
            labels.pop(key, None)

        key_of = dict(self.key_of)
        sorted_keys = list(self.sorted_keys)
        for document_id in changed:
            old = key_of.pop(document_id, None)
            if old is not None:
                del sorted_keys[bisect.bisect_left(sorted_keys, old)]
        for document_id, _type, date, _end, _seats in documents:
            key_of[document_id] = key = _sort_key(document_id, date)
            bisect.insort(sorted_keys, key)

        events = dict(self.events)
        for document_id in changed:
            events.pop(document_id, None)
        events.update((i, _as_datetime(end)) for i, _t, _d, end, _s in documents if end is not None)
        batches = (*self.batches, (change_id, frozenset(changed)))
        tracked_since = self.tracked_since
        if len(batches) > TRACKED_BATCHES:
            tracked_since = batches[0][0]
            batches = batches[1:]
        return replace(
            self,
            change_id=change_id,
            size=size,
            all=(self.all & keep) | mask_from_ids(present, size),
            values=values,
            labels=labels,
            free_seats=(self.free_seats & keep)
            | mask_from_ids((row[0] for row in documents if (row[4] or 0) > 0), size),
            key_of=key_of,
            sorted_keys=sorted_keys,
            events=events,
            batches=batches,
            tracked_since=tracked_since,
            _moment_cache={},
        )


_lock = threading.Lock()
_cache: dict[tuple, Bitmaps] = {}
DOCUMENT_COLUMNS = "id, doc_type, date, event_end, free_seats"


def index_state() -> tuple[int, int, int]:
    """(generation, pruned through, last change id): one cheap query."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT s.generation, s.pruned_through, "
            "(SELECT MAX(id) FROM search_searchindexchange) "
            "FROM search_searchindexstate s WHERE s.id = 1"
        )
        row = cursor.fetchone()
    if row is None:
        return 0, 0, 0
    return row[0], row[1], row[2] or 0


def get_bitmaps() -> Bitmaps:
    generation, pruned_through, last_change = index_state()
    database = (connection.alias, connection.settings_dict["NAME"])
    current = _cache.get(database)
    if _up_to_date(current, generation, last_change):
        return current
    with _lock:
        current = _cache.get(database)
        if _up_to_date(current, generation, last_change):
            return current
        if (
            current is not None
            and current.generation == generation
            and pruned_through <= current.change_id < last_change
            and last_change - current.change_id <= MAX_INCREMENTAL_CHANGES
        ):
            current = _catch_up(current)
        else:
            current = _load(generation, last_change)
        _cache[database] = current
    return current


def _up_to_date(bitmaps: Bitmaps | None, generation: int, last_change: int) -> bool:
    return (
        bitmaps is not None
        and bitmaps.generation == generation
        and bitmaps.change_id == last_change
    )


def _catch_up(bitmaps: Bitmaps) -> Bitmaps:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT id, document_id FROM search_searchindexchange WHERE id > %s ORDER BY id",
            [bitmaps.change_id],
        )
        changes = cursor.fetchall()
        if not changes:
            return bitmaps
        changed = {document_id for _id, document_id in changes}
        documents, facet_rows = _rows(cursor, sorted(changed))
    return bitmaps.with_changes(changes[-1][0], documents, facet_rows, changed)


def _rows(cursor, ids: list[int]) -> tuple[list, list]:
    if connection.vendor == "postgresql":
        where, params = "= ANY(%s)", [ids]
    else:
        where, params = f"IN ({', '.join(['%s'] * len(ids))})", ids
    cursor.execute(
        f"SELECT {DOCUMENT_COLUMNS} FROM search_searchdocument WHERE id {where}",  # noqa: S608
        params,
    )
    documents = cursor.fetchall()
    cursor.execute(
        "SELECT document_id, name, value, label FROM search_searchfacet "  # noqa: S608
        f"WHERE document_id {where}",
        params,
    )
    return documents, cursor.fetchall()


def _load(generation: int, last_change: int) -> Bitmaps:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {DOCUMENT_COLUMNS} FROM search_searchdocument")  # noqa: S608
        documents = cursor.fetchall()
        cursor.execute("SELECT document_id, name, value, label FROM search_searchfacet")
        facet_rows = cursor.fetchall()
    size = max((row[0] for row in documents), default=0) + 1
    buffers: dict[tuple[str, str], bytearray] = {}
    labels: dict[tuple[str, str], str] = {}

    def set_bit(key, i):
        buffer = buffers.get(key)
        if buffer is None:
            buffer = buffers[key] = bytearray(size // 8 + 1)
        buffer[i >> 3] |= 1 << (i & 7)

    for document_id, name, value, label in facet_rows:
        if document_id < size:  # a document written after the first query: caught up later
            set_bit((name, value), document_id)
            labels[(name, value)] = label
    for document_id, doc_type, _date, _end, _seats in documents:
        set_bit(("type", doc_type), document_id)
        labels.setdefault(("type", doc_type), doc_type)
    key_of = {row[0]: _sort_key(row[0], row[2]) for row in documents}
    return Bitmaps(
        generation=generation,
        change_id=last_change,
        size=size,
        all=mask_from_ids((row[0] for row in documents), size),
        values={key: int.from_bytes(buffer, "little") for key, buffer in buffers.items()},
        labels=labels,
        free_seats=mask_from_ids((row[0] for row in documents if (row[4] or 0) > 0), size),
        key_of=key_of,
        sorted_keys=sorted(key_of.values()),
        events={i: _as_datetime(end) for i, _t, _d, end, _s in documents if end is not None},
        tracked_since=last_change,
    )
