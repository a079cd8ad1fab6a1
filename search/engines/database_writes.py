# ruff: noqa: S608 - SQL is assembled from fixed fragments and placeholders; values are parameters.
"""Writing the database engine's index: documents, their full-text rows and the bitmaps
(``SearchBitmap``) kept in step in the same transaction, and the upkeep of generations."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable

from django.db import connection, transaction
from django.utils import timezone

from search.documents import DocumentData
from search.engines import bitmaps as bm
from search.models import (
    SearchBitmap,
    SearchDocument,
    SearchWord,
)
from search.text import STOPWORDS, stem, synonym_text, words

#: Fields rewritten when a document is indexed again (all but its key and generation).
UPDATED_FIELDS = [
    "doc_type",
    "title",
    "summary",
    "body",
    "url",
    "date",
    "event_end",
    "free_seats",
    "language",
    "details",
    "facets",
    "synonyms",
    "updated_at",
]
#: Word weights of the first ranking, by field.
FIELD_WEIGHTS = {"title": 3, "summary": 2, "body": 1}
#: Every match is ranked exactly up to this many; above, the best WINDOW of the first ranking.
EXACT_LIMIT = 2000
WINDOW = 100
#: Ties between equally relevant hits: this order of types, then the newest.
TYPE_ORDER = ("practice", "offer", "meeting", "community", "organisation", "tool", "topic")
MAX_PREFIX_WORDS = 100
BATCH_SIZE = 500


# --- what a document contributes to the bitmaps ------------------------------------------------


def stems_of(text: str) -> set[str]:
    return {stem(w[:40]) for w in words(text) if w not in STOPWORDS}


def _prepare(data: DocumentData, generation: int) -> SearchDocument:
    synonyms = synonym_text(f"{data.title} {data.summary} {data.body}")
    return SearchDocument(
        generation=generation,
        key=data.key,
        doc_type=data.doc_type,
        title=data.title[:300],
        summary=data.summary,
        body=data.body,
        url=data.url[:500],
        date=data.date,
        event_end=data.event_end,
        free_seats=data.free_seats,
        language=data.language,
        details=data.details,
        facets=_grouped_facets(data),
        synonyms=synonyms,
        updated_at=timezone.now(),
    )


def _grouped_facets(data: DocumentData) -> dict[str, list[list[str]]]:
    """Every facet value of the document but its type, ``when`` years included."""
    grouped: dict[str, list[list[str]]] = {}
    for name, value, label in data.facet_rows():
        if name != "type":
            grouped.setdefault(name, []).append([value, label])
    return grouped


def _as_data(row: SearchDocument) -> DocumentData:
    facets = row.facets or {}
    return DocumentData(
        key=row.key,
        doc_type=row.doc_type,
        title=row.title,
        url=row.url,
        summary=row.summary,
        body=row.body,
        date=row.date,
        event_end=row.event_end,
        free_seats=row.free_seats,
        language=row.language,
        facets={name: [tuple(pair) for pair in values] for name, values in facets.items()},
        details=row.details,
        years=[int(value.removeprefix("year:")) for value, _label in facets.get("when", [])],
    )


def facet_features(row: SearchDocument) -> dict[tuple[str, str], str]:
    features = {("type", row.doc_type): row.doc_type}
    for name, values in (row.facets or {}).items():
        for value, label in values:
            features[(name, value)] = label
    if (row.free_seats or 0) > 0:
        features[("free_seats", "yes")] = ""
    # Hidden month groups, for "newest first" and upcoming/past (see bitmaps.Bitmaps).
    if row.date is not None:
        features[("_month", _month(row.date))] = ""
    if row.event_end is not None:
        features[("_endmonth", _month(row.event_end))] = ""
    return features


def _month(value) -> str:
    return timezone.localtime(value, datetime.UTC).strftime("%Y-%m")


def text_features(row: SearchDocument) -> set[tuple[str, str]]:
    return (
        {("title", s) for s in stems_of(row.title)}
        | {("summary", s) for s in stems_of(row.summary)}
        | {("body", s) for s in stems_of(f"{row.body} {row.synonyms}")}
    )


def fts_text(text: str) -> str:
    return " ".join(stem(w[:40]) for w in words(text) if w not in STOPWORDS)


# --- writing ------------------------------------------------------------------------------------


class Changes:
    """Bits to set and clear, labels and dates, gathered over a batch, then written at once."""

    def __init__(self, generation: int, base: int):
        self.generation, self.base = generation, base
        self.bits: dict[tuple[str, str], list[set[int]]] = defaultdict(lambda: [set(), set()])
        self.labels: dict[tuple[str, str], str] = {}
        self.dates: dict[tuple[str, int], int] = {}
        self.words: dict[str, str] = {}

    def document(self, position: int, old: SearchDocument | None, new: SearchDocument | None):
        old_facets = facet_features(old) if old else {}
        new_facets = facet_features(new) if new else {}
        for key in new_facets.keys() - old_facets.keys():
            self.bits[("facet", bm.facet_name(*key))][0].add(position)
        for key in old_facets.keys() - new_facets.keys():
            self.bits[("facet", bm.facet_name(*key))][1].add(position)
        for key, label in new_facets.items():
            self.labels[("facet", bm.facet_name(*key))] = label
        text_changed = old is None or new is None or _text(old) != _text(new)
        if text_changed:
            old_text = text_features(old) if old else set()
            new_text = text_features(new) if new else set()
            for key in new_text - old_text:
                self.bits[key][0].add(position)
            for key in old_text - new_text:
                self.bits[key][1].add(position)
            if new is not None:
                for word in words(f"{new.title} {new.summary} {new.body} {new.synonyms}"):
                    if word not in STOPWORDS and word not in self.words:
                        self.words[word[:40]] = stem(word[:40])
        for kind, attr in (("dates", "date"), ("ends", "event_end")):
            before = bm.timestamp(getattr(old, attr)) if old else bm.NO_DATE
            after = bm.timestamp(getattr(new, attr)) if new else bm.NO_DATE
            if before != after or old is None:
                self.dates[(kind, position)] = after
        return text_changed

    def write(self, version: int) -> None:
        touched = set(self.bits) | set(self.labels)
        chunks = {(kind, position // bm.CHUNK) for kind, position in self.dates}
        stored: dict[tuple[str, str], SearchBitmap] = {}
        by_kind = defaultdict(list)
        for kind, name in touched:
            by_kind[kind].append(name)
        for kind, number in chunks:
            by_kind[kind].append(str(number))
        for kind, names in by_kind.items():
            for start in range(0, len(names), BATCH_SIZE):
                for row in SearchBitmap.objects.filter(
                    generation=self.generation,
                    kind=kind,
                    name__in=names[start : start + BATCH_SIZE],
                ):
                    stored[(row.kind, row.name)] = row
        updated, created = [], []
        for key in touched:
            row = stored.get(key)
            added, removed = self.bits.get(key, (set(), set()))
            label = self.labels.get(key, row.label if row else "")
            old_mask = bm.decode(row.data) if row else 0
            mask = (old_mask & ~bm.mask_from_ids(removed)) | bm.mask_from_ids(added)
            if row is not None and mask == old_mask and label == row.label:
                continue
            if row is None:
                if not mask:
                    continue
                created.append(
                    SearchBitmap(
                        generation=self.generation,
                        kind=key[0],
                        name=key[1],
                        label=label[:200],
                        data=bm.encode(mask),
                        version=version,
                    )
                )
            else:
                row.data, row.label, row.version = bm.encode(mask), label[:200], version
                updated.append(row)
        for kind, number in chunks:
            row = stored.get((kind, str(number)))
            chunk = bm.decode_chunk(row.data) if row else bm.new_chunk()
            for (k, position), value in self.dates.items():
                if k == kind and position // bm.CHUNK == number:
                    chunk[position % bm.CHUNK] = value
            data = bm.encode_chunk(chunk)
            if row is None:
                created.append(
                    SearchBitmap(
                        generation=self.generation,
                        kind=kind,
                        name=str(number),
                        data=data,
                        version=version,
                    )
                )
            elif bytes(row.data) != data:
                row.data, row.version = data, version
                updated.append(row)
        SearchBitmap.objects.bulk_update(updated, ["data", "label", "version"], batch_size=200)
        SearchBitmap.objects.bulk_create(created, batch_size=200)
        if self.words:
            SearchWord.objects.bulk_create(
                [SearchWord(word=w, stem=s) for w, s in self.words.items()],
                ignore_conflicts=True,
                batch_size=BATCH_SIZE,
            )


def _text(row: SearchDocument) -> tuple:
    return (row.title, row.summary, row.body, row.synonyms)


def _fts_replace(rows: list[SearchDocument], deleted_ids: Iterable[int] = ()) -> None:
    if connection.vendor != "sqlite":
        return  # PostgreSQL computes ``search_vector`` itself (a generated column)
    with connection.cursor() as cursor:
        ids = [(i,) for i in deleted_ids] + [(row.pk,) for row in rows]
        if ids:
            cursor.executemany("DELETE FROM search_fts WHERE rowid = %s", ids)
        if rows:
            cursor.executemany(
                "INSERT INTO search_fts (rowid, title, summary, body) VALUES (%s, %s, %s, %s)",
                [
                    (
                        row.pk,
                        fts_text(row.title),
                        fts_text(row.summary),
                        fts_text(f"{row.body} {row.synonyms}"),
                    )
                    for row in rows
                ],
            )


def write_documents(
    documents: list[DocumentData], generation: int, base: int, version: int
) -> None:
    """Write (insert or rewrite in place) ``documents`` into one generation, bitmaps included."""
    by_key = {d.key: d for d in documents}
    existing = {
        row.key: row
        for row in SearchDocument.objects.filter(generation=generation, key__in=list(by_key))
    }
    rows = [_prepare(d, generation) for d in by_key.values()]
    for row in rows:
        old = existing.get(row.key)
        row.pk = old.pk if old else None
    stored = [row for row in rows if row.pk is not None]
    SearchDocument.objects.bulk_update(stored, UPDATED_FIELDS, batch_size=200)
    _insert([row for row in rows if row.pk is None])
    changes = Changes(generation, base)
    reindexed = [row for row in rows if changes.document(row.pk - base, existing.get(row.key), row)]
    changes.write(version)
    _fts_replace(reindexed)


def delete_documents(keys: list[str], generation: int, base: int, version: int) -> None:
    rows = list(SearchDocument.objects.filter(generation=generation, key__in=keys))
    changes = Changes(generation, base)
    for row in rows:
        changes.document(row.pk - base, row, None)
    changes.write(version)
    ids = [row.pk for row in rows]
    SearchDocument.objects.filter(id__in=ids).delete()
    _fts_replace([], ids)


def _insert(rows: list[SearchDocument]) -> None:
    if not rows:
        return
    SearchDocument.objects.bulk_create(rows, batch_size=200)
    if any(row.pk is None for row in rows):  # databases that do not return ids
        by_key = dict(
            SearchDocument.objects.filter(
                generation=rows[0].generation, key__in=[r.key for r in rows]
            ).values_list("key", "id")
        )
        for row in rows:
            row.pk = row.id = by_key[row.key]


def _next_id() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT MAX(id) FROM search_searchdocument")
        top = cursor.fetchone()[0] or 0
        if connection.vendor == "sqlite":
            cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = 'search_searchdocument'")
            row = cursor.fetchone()
            top = max(top, row[0] if row else 0)
    return top + 1


def _prune_words(keep: set[str]) -> None:
    """Forget the words no document has any more (a deleted message, an erased name)."""
    stale = [w for w in SearchWord.objects.values_list("word", flat=True) if w not in keep]
    for start in range(0, len(stale), BATCH_SIZE):
        SearchWord.objects.filter(word__in=stale[start : start + BATCH_SIZE]).delete()


def _drop_generations(keep: int) -> None:
    """Delete the rows of every generation but ``keep``, in batches."""
    while True:
        ids = list(
            SearchDocument.objects.exclude(generation=keep).values_list("id", flat=True)[:5000]
        )
        if not ids:
            break
        with transaction.atomic():
            _fts_replace([], ids)
            SearchDocument.objects.filter(id__in=ids).delete()
    SearchBitmap.objects.exclude(generation=keep).delete()
