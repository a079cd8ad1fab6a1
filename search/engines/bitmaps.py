"""Bitmaps of the database engine: stored beside the index, kept in memory by each process.

Counting facets with SQL ``GROUP BY`` over tens of thousands of matching documents costs
hundreds of milliseconds, and so does asking the full-text index for every document that has a
common word. So the index keeps, per generation, one bitmap per facet value and per word stem
and field (title, summary, body), in ``SearchBitmap`` rows written in the same transaction as
the documents (``search.engines.database``). Bit ``i`` is the document with id ``base + i``.

A process loads the facet bitmaps and the documents' dates once (a few hundred rows, not one
row per document), and each word's bitmaps the first time someone searches it (one indexed
read of at most three rows). Before each search it asks for the index version (one query);
when it is behind it reads the rows written since (``version > its own``) and swaps them in.
Free seats are not in the bitmaps: a registration changes a document's ``free_seats`` column
only, and its ``free_seats=yes`` bit only when the last seat goes or the first comes back.
docs/adr/0001-search-bitmaps.md records the design.
"""

from __future__ import annotations

import datetime
import re
import threading
from array import array
from collections import OrderedDict
from dataclasses import dataclass, field, replace

from django.db import connection

#: Positions per date chunk: a date row holds the dates of this many documents.
CHUNK = 4096
#: Stored for "no date" in a date chunk.
NO_DATE = -(2**62)
MAX_CACHED_TERMS = 4000
TEXT_KINDS = ("title", "summary", "body")
FACET_SEPARATOR = "\x1f"
_NONZERO = re.compile(rb"[^\x00]")
_BITS = [tuple(bit for bit in range(8) if byte >> bit & 1) for byte in range(256)]


# --- encoding --------------------------------------------------------------------------------


def mask_from_ids(ids) -> int:
    ids = list(ids)
    if not ids:
        return 0
    buffer = bytearray(max(ids) // 8 + 1)
    for i in ids:
        buffer[i >> 3] |= 1 << (i & 7)
    return int.from_bytes(buffer, "little")


def ids_from_mask(mask: int) -> list[int]:
    out: list[int] = []
    data = mask.to_bytes((mask.bit_length() + 7) // 8, "little")
    # Only the non-zero bytes are visited (found in C): most masks here are sparse.
    for match in _NONZERO.finditer(data):
        index = match.start()
        base = index * 8
        out.extend(base + bit for bit in _BITS[data[index]])
    return out


def encode(mask: int) -> bytes:
    """A bitmap as bytes: the positions themselves when that is smaller (rare words)."""
    size = (mask.bit_length() + 7) // 8
    count = mask.bit_count()
    if count * 4 < size:
        return b"L" + array("I", ids_from_mask(mask)).tobytes()
    return b"B" + mask.to_bytes(size, "little")


def decode(data) -> int:
    data = bytes(data or b"")
    if not data:
        return 0
    if data[:1] == b"L":
        positions = array("I")
        positions.frombytes(data[1:])
        return mask_from_ids(positions)
    return int.from_bytes(data[1:], "little")


def new_chunk() -> array:
    return array("q", [NO_DATE]) * CHUNK


def encode_chunk(chunk: array) -> bytes:
    return chunk.tobytes()


def decode_chunk(data) -> array:
    chunk = array("q")
    chunk.frombytes(bytes(data))
    return chunk


def timestamp(value) -> int:
    if value is None:
        return NO_DATE
    if isinstance(value, str):
        from django.utils.dateparse import parse_datetime

        value = parse_datetime(value)
    if value.tzinfo is None:
        value = value.replace(tzinfo=datetime.UTC)
    return int(value.timestamp())


def facet_name(name: str, value: str) -> str:
    return f"{name}{FACET_SEPARATOR}{value}"


# --- the state of one process ----------------------------------------------------------------


@dataclass
class Bitmaps:
    generation: int
    version: int
    base: int
    #: (facet, value) -> mask, and the labels shown for them.
    values: dict[tuple[str, str], int]
    labels: dict[tuple[str, str], str]
    #: Chunks of documents' dates and ends (seconds since the epoch; NO_DATE when none). The
    #: hidden facets ``_month`` and ``_endmonth`` ("2026-03") group documents by month, so
    #: the newest are found month by month, never by sorting every document.
    dates: dict[int, array]
    ends: dict[int, array]
    #: Word bitmaps read so far: (kind, stem) -> mask.
    terms: OrderedDict = field(default_factory=OrderedDict)
    #: Stems that a prefix typed so far expands to, at this version.
    prefixes: dict = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)
    _moments: dict = field(default_factory=dict)

    @property
    def all(self) -> int:
        mask = 0
        for (name, _value), bits in self.values.items():
            if name == "type":
                mask |= bits
        return mask

    def facet_values(self, name: str) -> list[tuple[str, int]]:
        return [(value, mask) for (facet, value), mask in self.values.items() if facet == name]

    def date_of(self, position: int) -> int:
        chunk = self.dates.get(position // CHUNK)
        return chunk[position % CHUNK] if chunk is not None else NO_DATE

    # --- words ---------------------------------------------------------------------------

    def text(self, stems, fetch) -> dict[tuple[str, str], int]:
        """Title, summary and body bitmaps of ``stems``; ``fetch(pairs)`` reads missing ones
        from the database (a dict of the rows found)."""
        wanted = [(kind, stem) for stem in stems for kind in TEXT_KINDS]
        with self.lock:
            found = {key: self.terms[key] for key in wanted if key in self.terms}
        missing = [key for key in wanted if key not in found]
        if missing:
            fetched = fetch(missing)
            with self.lock:
                for key in missing:
                    found[key] = self.terms[key] = fetched.get(key, 0)
                while len(self.terms) > MAX_CACHED_TERMS:
                    self.terms.popitem(last=False)
        return found

    # --- order and time ------------------------------------------------------------------

    def months(self, name: str) -> list[tuple[str, int]]:
        """(month, mask) of a hidden month facet, newest first (cached per state)."""
        cached = self._moments.get(name)
        if cached is None:
            cached = self._moments[name] = sorted(
                ((value, mask) for (facet, value), mask in self.values.items() if facet == name),
                reverse=True,
            )
        return cached

    def newest(self, mask: int, wanted: int) -> list[int]:
        """The ``wanted`` newest documents of ``mask`` (undated ones last, newest id first)."""
        if wanted <= 0 or not mask:
            return []
        out: list[int] = []
        dated = 0
        for _month, month_mask in self.months("_month"):
            dated |= month_mask
            if len(out) < wanted:
                found = mask & month_mask
                if found:
                    positions = ids_from_mask(found)
                    positions.sort(key=lambda p: (self.date_of(p), p), reverse=True)
                    out += positions[: wanted - len(out)]
            elif dated:
                break
        if len(out) < wanted:
            undated = mask & ~dated if len(out) < mask.bit_count() else 0
            if undated:
                out += list(reversed(ids_from_mask(undated)))[: wanted - len(out)]
        return out

    def end_of(self, position: int) -> int:
        chunk = self.ends.get(position // CHUNK)
        return chunk[position % CHUNK] if chunk is not None else NO_DATE

    def upcoming_past(self, now: datetime.datetime) -> tuple[int, int]:
        moment = now.astimezone(datetime.UTC).replace(second=0, microsecond=0)
        cached = self._moments.get("when")
        if cached and cached[0] == moment:
            return cached[1]
        this_month = moment.strftime("%Y-%m")
        cut = int(moment.timestamp())
        upcoming = past = 0
        for month, mask in self.months("_endmonth"):
            if month > this_month:
                upcoming |= mask
            elif month < this_month:
                past |= mask
            else:
                later = [p for p in ids_from_mask(mask) if self.end_of(p) >= cut]
                upcoming |= mask_from_ids(later)
                past |= mask & ~mask_from_ids(later)
        self._moments["when"] = (moment, (upcoming, past))
        return upcoming, past

    # --- keeping up ----------------------------------------------------------------------

    def with_rows(self, version: int, rows) -> Bitmaps:
        """A new state: this one with the bitmap rows written since (copy on write, so a
        search running in another thread keeps a consistent state)."""
        values, labels = dict(self.values), dict(self.labels)
        dates, ends = dict(self.dates), dict(self.ends)
        with self.lock:
            terms = OrderedDict(self.terms)
        # Month lists and upcoming/past stay valid unless a facet or an end date changed.
        keep_moments = all(kind in TEXT_KINDS or kind == "dates" for kind, *_ in rows)
        for kind, name, label, data in rows:
            if kind == "facet":
                key = tuple(name.split(FACET_SEPARATOR, 1))
                mask = decode(data)
                if mask:
                    values[key], labels[key] = mask, label
                else:
                    values.pop(key, None)
                    labels.pop(key, None)
            elif kind in TEXT_KINDS:
                if (kind, name) in terms:
                    terms[(kind, name)] = decode(data)
            elif kind in ("dates", "ends"):
                (dates if kind == "dates" else ends)[int(name)] = decode_chunk(data)
        return replace(
            self,
            version=version,
            values=values,
            labels=labels,
            dates=dates,
            ends=ends,
            terms=terms,
            prefixes={},
            lock=threading.Lock(),
            _moments=self._moments if keep_moments else {},
        )


# --- loading ---------------------------------------------------------------------------------

_lock = threading.Lock()
_cache: dict[tuple, Bitmaps] = {}


def index_state() -> tuple[int, int, int]:
    """(live generation, version, base): one cheap query."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT generation, version, base FROM search_searchindexstate WHERE id = 1")
        row = cursor.fetchone()
    return tuple(row) if row else (0, 0, 0)


def read_rows(generation: int, since: int | None = None):
    """Facet and date rows of a generation (all of them, or those written after ``since``;
    then word rows too)."""
    with connection.cursor() as cursor:
        if since is None:
            cursor.execute(
                "SELECT kind, name, label, data FROM search_searchbitmap "
                "WHERE generation = %s AND kind IN ('facet', 'dates', 'ends')",
                [generation],
            )
        else:
            cursor.execute(
                "SELECT kind, name, label, data FROM search_searchbitmap "
                "WHERE generation = %s AND version > %s",
                [generation, since],
            )
        return cursor.fetchall()


def load(generation: int, version: int, base: int) -> Bitmaps:
    values, labels, dates, ends = {}, {}, {}, {}
    for kind, name, label, data in read_rows(generation):
        if kind == "facet":
            mask = decode(data)
            if mask:
                key = tuple(name.split(FACET_SEPARATOR, 1))
                values[key], labels[key] = mask, label
        else:
            (dates if kind == "dates" else ends)[int(name)] = decode_chunk(data)

    return Bitmaps(
        generation=generation,
        version=version,
        base=base,
        values=values,
        labels=labels,
        dates=dates,
        ends=ends,
    )


def get_bitmaps() -> Bitmaps:
    """This process's bitmaps, brought up to date with the index (one query when they are)."""
    generation, version, base = index_state()
    database = (connection.alias, connection.settings_dict["NAME"])
    current = _cache.get(database)
    if current is not None and (current.generation, current.version) == (generation, version):
        return current
    with _lock:
        current = _cache.get(database)
        if current is not None and current.generation == generation:
            if current.version < version:
                current = current.with_rows(version, read_rows(generation, current.version))
            elif current.version > version:  # a rolled-back write (tests): start again
                current = load(generation, version, base)
        else:
            current = load(generation, version, base)
        _cache[database] = current
    return current


def forget() -> None:
    """Drop every process-level state (tests, and after a rebuild in this process)."""
    with _lock:
        _cache.clear()
