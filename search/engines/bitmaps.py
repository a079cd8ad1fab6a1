"""In-memory facet bitmaps for the database engine.

Counting facets with SQL ``GROUP BY`` over tens of thousands of matching documents costs
hundreds of milliseconds; so each process keeps, per facet value, the set of documents that
have it as a bitmap (a Python ``int``, one bit per document id). The database still finds the
words (FTS5 or ``tsvector``); filtering and disjunctive counting are then ``&`` and
``bit_count()`` on bitmaps, microseconds per facet value.

The bitmaps are reloaded when the index changes: every write deletes and inserts rows, so the
highest id, the latest update and the counter of ``SearchIndexState`` (bumped by every write,
deletions included) identify a state of the index and cost one cheap query per search.
"""

from __future__ import annotations

import datetime
import heapq
import threading
from collections import OrderedDict
from dataclasses import dataclass, field

from django.db import connection

MAX_CACHED_TERMS = 2000
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


@dataclass
class Bitmaps:
    version: tuple
    size: int
    all: int
    values: dict[tuple[str, str], int]
    labels: dict[tuple[str, str], str]
    free_seats: int
    #: date_rank[id]: position of the document when sorted by date, newest first.
    date_rank: list[int]
    events: list[tuple[object, int]]
    #: document ids, newest first.
    date_order: list[int]
    _moment_cache: dict = field(default_factory=dict)

    def term(self, kind: str, term: str, fetch) -> int:
        """The bitmap of one query word, fetched once per index state (LRU, bounded)."""
        key = (kind, term)
        with _terms_lock:
            terms = self._moment_cache.setdefault("terms", OrderedDict())
            mask = terms.get(key)
            if mask is not None:
                terms.move_to_end(key)
                return mask
        mask = mask_from_ids(fetch(kind, term), self.size) & self.all
        with _terms_lock:
            terms[key] = mask
            while len(terms) > MAX_CACHED_TERMS:
                terms.popitem(last=False)
        return mask

    def newest(self, mask: int, wanted: int) -> list[int]:
        """The ``wanted`` newest documents of ``mask``."""
        if wanted <= 0 or not mask:
            return []
        if mask.bit_count() * 16 > self.size:
            # Dense: walk the date order and stop as soon as enough are found.
            data = mask.to_bytes(self.size // 8 + 1, "little")
            out = []
            for i in self.date_order:
                if data[i >> 3] >> (i & 7) & 1:
                    out.append(i)
                    if len(out) == wanted:
                        break
            return out
        return heapq.nsmallest(wanted, ids_from_mask(mask), key=self.date_rank.__getitem__)

    def clear_term_cache(self) -> None:
        self._moment_cache.pop("terms", None)

    def facet_values(self, name: str) -> list[tuple[str, int]]:
        return [(value, mask) for (facet, value), mask in self.values.items() if facet == name]

    def upcoming_past(self, now) -> tuple[int, int]:
        minute = now.replace(second=0, microsecond=0)
        cached = self._moment_cache.get("when")
        if cached and cached[0] == minute:
            return cached[1]
        upcoming = [i for end, i in self.events if end >= minute]
        past = [i for end, i in self.events if end < minute]
        masks = (mask_from_ids(upcoming, self.size), mask_from_ids(past, self.size))
        self._moment_cache["when"] = (minute, masks)
        return masks


_lock = threading.Lock()
_terms_lock = threading.Lock()
_cache: dict[str, Bitmaps] = {}


def index_version() -> tuple:
    with connection.cursor() as cursor:
        # All three are cheap (a one-row table and two indexed maximums); COUNT(*) is not,
        # on PostgreSQL, over rows that carry a tsvector.
        cursor.execute(
            "SELECT (SELECT MAX(id) FROM search_searchdocument), "
            "(SELECT MAX(updated_at) FROM search_searchdocument), "
            "(SELECT MAX(version) FROM search_searchindexstate)"
        )
        max_id, updated, state = cursor.fetchone()
    return (max_id or 0, str(updated), state, connection.alias, connection.settings_dict["NAME"])


def get_bitmaps() -> Bitmaps:
    version = index_version()
    current = _cache.get("bitmaps")
    if current is not None and current.version == version:
        return current
    with _lock:
        current = _cache.get("bitmaps")
        if current is None or current.version != version:
            current = _load(version)
            _cache["bitmaps"] = current
    return current


def _load(version: tuple) -> Bitmaps:
    size = version[0] + 1
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT id, doc_type, date, event_end, free_seats FROM search_searchdocument"
        )
        documents = cursor.fetchall()
        cursor.execute("SELECT document_id, name, value, label FROM search_searchfacet")
        facet_rows = cursor.fetchall()
    buffers: dict[tuple[str, str], bytearray] = {}
    labels: dict[tuple[str, str], str] = {}

    def set_bit(key, i):
        buffer = buffers.get(key)
        if buffer is None:
            buffer = buffers[key] = bytearray(size // 8 + 1)
        buffer[i >> 3] |= 1 << (i & 7)

    for document_id, name, value, label in facet_rows:
        set_bit((name, value), document_id)
        labels[(name, value)] = label
    for document_id, doc_type, _date, _end, _seats in documents:
        set_bit(("type", doc_type), document_id)
        labels.setdefault(("type", doc_type), doc_type)
    ordered = sorted(documents, key=lambda row: (row[2] is not None, row[2] or 0, row[0]))
    date_rank = [len(ordered)] * size
    for rank, row in enumerate(reversed(ordered)):
        date_rank[row[0]] = rank
    from django.utils.dateparse import parse_datetime

    def as_datetime(value):
        if isinstance(value, str):
            value = parse_datetime(value)
        if value is not None and value.tzinfo is None:
            value = value.replace(tzinfo=datetime.UTC)
        return value

    events = [(as_datetime(end), i) for i, _t, _d, end, _s in documents if end is not None]
    return Bitmaps(
        version=version,
        size=size,
        all=mask_from_ids((row[0] for row in documents), size),
        values={key: int.from_bytes(buffer, "little") for key, buffer in buffers.items()},
        labels=labels,
        free_seats=mask_from_ids((row[0] for row in documents if (row[4] or 0) > 0), size),
        date_rank=date_rank,
        events=events,
        date_order=[row[0] for row in reversed(ordered)],
    )
