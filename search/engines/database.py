# ruff: noqa: S608 - SQL is assembled from fixed fragments and placeholders; values are parameters.
"""The database engine: PostgreSQL full text or SQLite FTS5, facet counts by SQL GROUP BY.

Queries are built from ``ParsedQuery`` terms, which are letters and digits only, and passed as
parameters: no user text reaches SQL or the full-text syntax raw. Facet counts are disjunctive:
each facet is counted with every active filter except its own, so a person can widen a choice
as well as narrow it. Words are matched in the database; filters and counts use the in-memory
bitmaps of ``search.engines.bitmaps``, so the number of queries is constant and small.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from django.db import connection, transaction
from django.utils import timezone

from search.documents import FACET_NAMES, DocumentData
from search.engines.bitmaps import Bitmaps, get_bitmaps
from search.models import SearchDocument, SearchFacet, SearchIndexChange, SearchIndexState
from search.text import ParsedQuery, index_terms, synonym_text, words
from search.text import stem as stem_word

#: Fields rewritten when a document is indexed again (all but its key).
UPDATED_FIELDS = [
    "doc_type",
    "title",
    "body",
    "url",
    "date",
    "event_end",
    "free_seats",
    "language",
    "details",
    "synonyms",
    "indexed_text",
    "updated_at",
]
#: The change log keeps this many recent changes; older ones are pruned now and then.
KEEP_CHANGES = 10_000
PRUNE_EVERY = 500


def _log_changes(document_ids: Iterable[int]) -> None:
    changes = SearchIndexChange.objects.bulk_create(
        SearchIndexChange(document_id=i) for i in document_ids
    )
    if not changes:
        return
    if changes[-1].id is None:  # databases that do not return ids from bulk inserts
        last = SearchIndexChange.objects.order_by("-id").values_list("id", flat=True).first()
        first = last - len(changes) + 1
    else:
        first, last = changes[0].id, changes[-1].id
    if (first - 1) // PRUNE_EVERY != last // PRUNE_EVERY:
        # A process that has not caught up with pruned changes reloads everything.
        SearchIndexChange.objects.filter(id__lte=last - KEEP_CHANGES).delete()
        SearchIndexState.objects.filter(pk=1, pruned_through__lt=last - KEEP_CHANGES).update(
            pruned_through=last - KEEP_CHANGES
        )


def _prepare(data: DocumentData) -> SearchDocument:
    synonyms = synonym_text(f"{data.title} {data.body}")
    return SearchDocument(
        key=data.key,
        doc_type=data.doc_type,
        title=data.title[:300],
        body=data.body,
        url=data.url[:500],
        date=data.date,
        event_end=data.event_end,
        free_seats=data.free_seats,
        language=data.language,
        details=data.details,
        synonyms=synonyms,
        # Folded words (title, body, synonyms) for prefix matching; synonyms are searched too.
        indexed_text=" ".join(words(f"{data.title} {data.body} {synonyms}")),
    )


class DatabaseEngine:
    name = "database"

    # --- writing --------------------------------------------------------------------------
    # Every write starts with ``SearchIndexState.bump`` (writers queue on its row lock) and
    # logs the ids it touched in ``SearchIndexChange``, in the same transaction, so that each
    # process can bring its bitmaps up to date by reading only those documents again.

    def upsert(self, documents: Iterable[DocumentData]) -> None:
        """Write documents in place: an existing key keeps its id, so only its bits change."""
        by_key = {d.key: d for d in documents}
        if not by_key:
            return
        documents = list(by_key.values())
        with transaction.atomic():
            SearchIndexState.bump()
            existing = dict(SearchDocument.objects.filter(key__in=by_key).values_list("key", "id"))
            rows = [_prepare(d) for d in documents]
            for row in rows:
                row.pk = existing.get(row.key)
            stored = [row for row in rows if row.pk is not None]
            if stored:
                now = timezone.now()
                for row in stored:
                    row.updated_at = now
                SearchDocument.objects.bulk_update(stored, UPDATED_FIELDS)
                SearchFacet.objects.filter(document_id__in=[row.pk for row in stored]).delete()
            self._insert([row for row in rows if row.pk is None])
            self._write_facets_and_text(documents, rows)
            _log_changes(row.pk for row in rows)

    def delete(self, keys: Iterable[str]) -> None:
        keys = list(keys)
        with transaction.atomic():
            SearchIndexState.bump()
            ids = list(SearchDocument.objects.filter(key__in=keys).values_list("id", flat=True))
            if connection.vendor == "sqlite" and ids:
                with connection.cursor() as cursor:
                    cursor.executemany(
                        "DELETE FROM search_fts WHERE rowid = %s", [(i,) for i in ids]
                    )
            SearchDocument.objects.filter(id__in=ids).delete()
            _log_changes(ids)

    def clear(self) -> None:
        # PostgreSQL sequences do not roll back: restart them only when this transaction
        # is ours to commit, never inside a caller's transaction that might roll back.
        restart_ids = connection.vendor == "sqlite" or not connection.in_atomic_block
        with transaction.atomic():
            SearchIndexState.bump(new_generation=True)
            SearchIndexState.objects.filter(pk=1).update(pruned_through=0)
            tables = ["search_searchfacet", "search_searchdocument", "search_searchindexchange"]
            # Ids start from 1 again: bitmaps have one bit per id, so ids left growing by
            # the size of the index at every rebuild would make every search slower.
            SearchFacet.objects.all().delete()
            SearchDocument.objects.all().delete()
            SearchIndexChange.objects.all().delete()
            with connection.cursor() as cursor:
                if connection.vendor == "postgresql" and restart_ids:
                    for table in tables:
                        cursor.execute(
                            "SELECT setval(pg_get_serial_sequence(%s, 'id'), 1, false)", [table]
                        )
                elif connection.vendor == "sqlite":
                    cursor.execute("DELETE FROM search_fts")
                    placeholders = ", ".join(["%s"] * len(tables))
                    cursor.execute(
                        f"DELETE FROM sqlite_sequence WHERE name IN ({placeholders})", tables
                    )

    def bulk_insert(self, documents: list[DocumentData]) -> None:
        """Insert documents known to be absent (rebuild); one transaction per batch. Not
        logged change by change: the new generation makes every process reload."""
        with transaction.atomic():
            SearchIndexState.bump(new_generation=True)
            rows = [_prepare(d) for d in documents]
            self._insert(rows)
            self._write_facets_and_text(documents, rows)

    def _insert(self, rows: list[SearchDocument]) -> None:
        """Create ``rows`` (new documents) and set their primary keys."""
        if not rows:
            return
        created = SearchDocument.objects.bulk_create(rows)
        if any(row.pk is None for row in created):
            by_key = dict(
                SearchDocument.objects.filter(key__in=[r.key for r in created]).values_list(
                    "key", "id"
                )
            )
            for row in rows:
                row.pk = row.id = by_key[row.key]

    def _write_facets_and_text(
        self, documents: list[DocumentData], rows: list[SearchDocument]
    ) -> None:
        ids = {row.key: row.pk for row in rows}
        SearchFacet.objects.bulk_create(
            SearchFacet(document_id=ids[d.key], name=name, value=value, label=label)
            for d in documents
            for name, value, label in d.facet_rows()
        )
        with connection.cursor() as cursor:
            # PostgreSQL computes ``search_vector`` itself (a generated column, migration
            # search.0004); SQLite's FTS5 table takes the text folded and stemmed in Python.
            if connection.vendor == "sqlite":
                cursor.executemany(
                    "DELETE FROM search_fts WHERE rowid = %s", [(i,) for i in ids.values()]
                )
                cursor.executemany(
                    "INSERT INTO search_fts (rowid, title, body, words) VALUES (%s, %s, %s, %s)",
                    [
                        (
                            row.pk,
                            index_terms(row.title),
                            index_terms(f"{row.body} {row.synonyms}"),
                            row.indexed_text,
                        )
                        for row in rows
                    ],
                )

    def after_rebuild(self) -> None:
        """Refresh the planner's statistics; on PostgreSQL also reclaim the rows the rebuild
        deleted, or word lookups read the dead pages too (VACUUM needs autocommit)."""
        if connection.in_atomic_block:
            return
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute("VACUUM ANALYZE search_searchdocument")
                cursor.execute("VACUUM ANALYZE search_searchfacet")
            elif connection.vendor == "sqlite":
                cursor.execute("ANALYZE")

    def count(self) -> int:
        return SearchDocument.objects.count()

    # --- reading --------------------------------------------------------------------------

    def term_ids(self, kind: str, term: str, among: list[int] | None = None) -> list[int]:
        """Ids of documents with one query word: ``kind`` is "word" (stemmed, anywhere),
        "prefix" (whole words starting with ``term``), "title" or "title_prefix". With
        ``among``, only those documents are looked at (repairing a cached word bitmap)."""
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                config, text = {
                    "word": ("italian_unaccent", term),
                    "prefix": ("simple", f"{term}:*"),
                    "title": ("italian_unaccent", term),
                    "title_prefix": ("italian_unaccent", f"{term}:*"),
                }[kind]
                column = "search_vector"
                if kind.startswith("title"):
                    column = "to_tsvector('italian_unaccent'::regconfig, title)"
                only, only_params = ("AND id = ANY(%s)", [among]) if among is not None else ("", [])
                with transaction.atomic():
                    if among is None:
                        # For a common word the planner prefers a sequential scan, which
                        # unpacks every row's tsvector: three times slower than the GIN index
                        # at 50,000 documents (docs/benchmarks.md). Reverted right after.
                        cursor.execute("SET LOCAL enable_seqscan = off")
                    cursor.execute(
                        f"SELECT id FROM search_searchdocument "
                        f"WHERE {column} @@ to_tsquery(%s::regconfig, %s) {only}",
                        [config, text, *only_params],
                    )
                    ids = [row[0] for row in cursor.fetchall()]
                    if among is None:
                        cursor.execute("SET LOCAL enable_seqscan TO DEFAULT")
                if not ids:
                    # A word that PostgreSQL's Italian stopword list drops constrains nothing.
                    cursor.execute("SELECT numnode(to_tsquery(%s::regconfig, %s))", [config, text])
                    if cursor.fetchone()[0] == 0:
                        where = "WHERE id = ANY(%s)" if among is not None else ""
                        cursor.execute(f"SELECT id FROM search_searchdocument {where}", only_params)
                        ids = [row[0] for row in cursor.fetchall()]
                return ids
            stem = stem_word(term)
            match = {
                "word": f'"{stem}"',
                "prefix": f'words : "{term}" *',
                "title": f'title : "{stem}"',
                "title_prefix": f'title : "{stem}" *',
            }[kind]
            if among is None:
                cursor.execute("SELECT rowid FROM search_fts WHERE search_fts MATCH %s", [match])
            else:
                placeholders = ", ".join(["%s"] * len(among))
                cursor.execute(
                    "SELECT rowid FROM search_fts WHERE search_fts MATCH %s "
                    f"AND rowid IN ({placeholders})",
                    [match, *among],
                )
            return [row[0] for row in cursor.fetchall()]

    def text_mask(self, bitmaps: Bitmaps, query: ParsedQuery, title_only: bool = False) -> int:
        """Documents containing every word (the last also as a prefix), from cached term
        bitmaps: each distinct word costs one query until the index changes."""
        word, prefix = ("title", "title_prefix") if title_only else ("word", "prefix")
        mask = bitmaps.all
        for position, term in enumerate(query.terms):
            term_mask = bitmaps.term(word, term, self.term_ids)
            if query.prefix_last and position == len(query.terms) - 1:
                term_mask |= bitmaps.term(prefix, term, self.term_ids)
            mask &= term_mask
        return mask

    def filter_masks(self, bitmaps: Bitmaps, filters, now) -> dict[str, int]:
        masks = {}
        for name, values in filters.items():
            if name == "free_seats":
                masks[name] = bitmaps.free_seats
                continue
            mask = 0
            for value in values:
                if name == "when" and value in ("upcoming", "past"):
                    upcoming, past = bitmaps.upcoming_past(now)
                    mask |= upcoming if value == "upcoming" else past
                else:
                    mask |= bitmaps.values.get((name, value), 0)
            masks[name] = mask
        return masks

    def search(self, query: ParsedQuery, filters, page: int, per_page: int, sort: str):
        now = timezone.now()
        bitmaps = get_bitmaps()
        base = bitmaps.all
        if query:
            base &= self.text_mask(bitmaps, query)
        masks = self.filter_masks(bitmaps, filters, now)
        final = base
        for mask in masks.values():
            final &= mask

        # Hits: newest first, or (relevance) title matches first, then the rest, newest first.
        wanted = page * per_page
        if sort == "relevance" and query:
            in_title = final & self.text_mask(bitmaps, query, title_only=True)
            first = bitmaps.newest(in_title, wanted)
            ordered_ids = first + bitmaps.newest(final & ~in_title, wanted - len(first))
        else:
            ordered_ids = bitmaps.newest(final, wanted)
        ids = ordered_ids[(page - 1) * per_page : wanted]
        documents = SearchDocument.objects.in_bulk(ids)
        ordered = [documents[i] for i in ids if i in documents]
        facet_rows = defaultdict(lambda: defaultdict(list))
        for document_id, name, label in SearchFacet.objects.filter(document_id__in=ids).values_list(
            "document_id", "name", "label"
        ):
            facet_rows[document_id][name].append(label)

        # Disjunctive counts: each facet within every active filter except its own.
        counts: dict[str, list[tuple[str, str, int]]] = {}
        for name in FACET_NAMES:
            candidates = base
            for other, mask in masks.items():
                if other != name:
                    candidates &= mask
            if name == "free_seats":
                counts[name] = [("yes", "", (candidates & bitmaps.free_seats).bit_count())]
                continue
            rows = []
            if name == "when":
                upcoming, past = bitmaps.upcoming_past(now)
                rows += [
                    ("upcoming", "", (candidates & upcoming).bit_count()),
                    ("past", "", (candidates & past).bit_count()),
                ]
            for value, mask in bitmaps.facet_values(name):
                count = (candidates & mask).bit_count()
                if count:
                    rows.append((value, bitmaps.labels[(name, value)], count))
            counts[name] = rows
        return final.bit_count(), ordered, facet_rows, counts
