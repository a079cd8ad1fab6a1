# ruff: noqa: S608 - SQL is assembled from fixed fragments and placeholders; values are parameters.
"""The database engine: bitmaps for matching, filters and facet counts; the database's own
full-text ranking (FTS5 ``bm25``, PostgreSQL ``ts_rank_cd``) for the order.

Words never reach SQL or a full-text syntax raw: ``ParsedQuery`` terms are letters and digits,
stemmed in Python (``search.text``), and passed as parameters. A search is:

1. match: the bitmaps of each query word (title, summary, body; the last word also as a prefix,
   expanded through ``SearchWord``), intersected, then with the filters;
2. first ranking, on bitmaps: each word counts 3 in a title, 2 in a summary, 1 in a body;
3. exact ranking: ``bm25(search_fts, 10, 4, 1)`` on SQLite, ``ts_rank_cd`` over the vector
   weighted A (title), B (summary), C (body) on PostgreSQL, for every match when there are at
   most ``EXACT_LIMIT`` of them, else (PostgreSQL) for the best ``WINDOW`` of the first ranking,
   like Elasticsearch's rescore window; type and date only break ties.

Facet counts are disjunctive: each facet is counted with every active filter except its own.
Writes keep the bitmaps (``SearchBitmap``) in step in the same transaction as the documents.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import connection, transaction
from django.utils import timezone

from search.documents import FACET_NAMES, DocumentData
from search.engines import bitmaps as bm
from search.engines.database_rebuild import RebuildMixin
from search.engines.database_writes import (
    BATCH_SIZE,
    EXACT_LIMIT,
    MAX_PREFIX_WORDS,
    TYPE_ORDER,
    WINDOW,
    delete_documents,
    write_documents,
)
from search.engines.ranking import by_type_then_date, first_ranking, type_ranks
from search.models import (
    SearchDocument,
    SearchIndexChange,
    SearchIndexState,
)
from search.text import ParsedQuery


class DatabaseEngine(RebuildMixin):
    name = "database"

    # Every write starts with ``SearchIndexState.lock`` (writers queue on its row lock, and the
    # version it counts is the one the written bitmap rows carry). While a rebuild runs, the
    # written keys are logged for it to replay.

    def upsert(self, documents: Iterable[DocumentData]) -> None:
        documents = list(documents)
        if not documents:
            return
        with transaction.atomic():
            state = SearchIndexState.lock()
            write_documents(documents, state.generation, state.base, state.version)
            if state.building is not None:
                SearchIndexChange.objects.bulk_create(
                    SearchIndexChange(key=d.key) for d in documents
                )

    def delete(self, keys: Iterable[str]) -> None:
        keys = list(keys)
        if not keys:
            return
        with transaction.atomic():
            state = SearchIndexState.lock()
            delete_documents(keys, state.generation, state.base, state.version)
            if state.building is not None:
                SearchIndexChange.objects.bulk_create(SearchIndexChange(key=k) for k in keys)

    def set_free_seats(self, key: str, free_seats: int | None) -> bool:
        """Rewrite only the free-seat figure of a document, without the writers' lock (a
        registration changes nothing else). False when that is not enough and the caller must
        upsert the whole document: no such document, the ``free_seats=yes`` bit flips (the
        bitmaps must change, under the lock), or a rebuild is logging writes."""
        generation, _version, _base = bm.index_state()
        state = SearchIndexState.objects.filter(pk=1).values("building").first()
        if state is None or state["building"] is not None:
            return False
        row = (
            SearchDocument.objects.filter(generation=generation, key=key)
            .values_list("pk", "free_seats")
            .first()
        )
        if row is None:
            return False
        document_id, stored = row
        if ((stored or 0) > 0) != ((free_seats or 0) > 0):
            return False
        SearchDocument.objects.filter(pk=document_id).update(free_seats=free_seats)
        return True

    def clear(self) -> None:
        """Switch to a new, empty generation."""
        self.rebuild(iter(()))

    def count(self) -> int:
        generation = bm.index_state()[0]
        return SearchDocument.objects.filter(generation=generation).count()

    # --- reading ----------------------------------------------------------------------------

    def fetch_terms(self, generation: int, pairs) -> dict[tuple[str, str], int]:
        names = sorted({name for _kind, name in pairs})
        found = {}
        with connection.cursor() as cursor:
            for start in range(0, len(names), BATCH_SIZE):
                chunk = names[start : start + BATCH_SIZE]
                cursor.execute(
                    "SELECT kind, name, data FROM search_searchbitmap WHERE generation = %s "
                    "AND kind IN ('title', 'summary', 'body') "
                    f"AND name IN ({', '.join(['%s'] * len(chunk))})",
                    [generation, *chunk],
                )
                for kind, name, data in cursor.fetchall():
                    found[(kind, name)] = bm.decode(data)
        return found

    def prefix_stems(self, prefix: str) -> list[str]:
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute(
                    "SELECT DISTINCT stem FROM (SELECT stem FROM search_searchword "
                    "WHERE word LIKE %s ORDER BY word LIMIT %s) words",
                    [prefix + "%", MAX_PREFIX_WORDS],
                )
            else:
                upper = prefix[:-1] + chr(ord(prefix[-1]) + 1)
                cursor.execute(
                    "SELECT DISTINCT stem FROM (SELECT stem FROM search_searchword "
                    "WHERE word >= %s AND word < %s ORDER BY word LIMIT %s)",
                    [prefix, upper, MAX_PREFIX_WORDS],
                )
            return [row[0] for row in cursor.fetchall()]

    def query_stems(self, query: ParsedQuery, bitmaps: bm.Bitmaps) -> list[list[str]]:
        """For each query word, the stems it matches (the last word's prefix expansions, kept
        with the state: a write may add words)."""
        groups = [[s] for s in query.stems]
        if query.prefix_last:
            prefix = query.terms[-1]
            extra = bitmaps.prefixes.get(prefix)
            if extra is None:
                extra = bitmaps.prefixes[prefix] = self.prefix_stems(prefix)
                while len(bitmaps.prefixes) > bm.MAX_CACHED_TERMS:
                    bitmaps.prefixes.pop(next(iter(bitmaps.prefixes)))
            groups[-1] = list(dict.fromkeys(groups[-1] + extra))
        return groups

    def text_masks(self, bitmaps: bm.Bitmaps, groups: list[list[str]]) -> list[dict[str, int]]:
        """Per query word: its title, summary and body masks (over all its stems)."""
        stems = [s for group in groups for s in group]
        found = bitmaps.text(stems, lambda pairs: self.fetch_terms(bitmaps.generation, pairs))
        out = []
        for group in groups:
            fields = dict.fromkeys(bm.TEXT_KINDS, 0)
            for s in group:
                for kind in bm.TEXT_KINDS:
                    fields[kind] |= found.get((kind, s), 0)
            out.append(fields)
        return out

    def filter_masks(self, bitmaps: bm.Bitmaps, filters, now) -> dict[str, int]:
        masks = {}
        for name, values in filters.items():
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
        bitmaps = bm.get_bitmaps()
        base = bitmaps.all
        fields: list[dict[str, int]] = []
        groups: list[list[str]] = []
        if query:
            groups = self.query_stems(query, bitmaps)
            fields = self.text_masks(bitmaps, groups)
            for word in fields:
                base &= word["title"] | word["summary"] | word["body"]
        text_total = base.bit_count()
        masks = self.filter_masks(bitmaps, filters, now)
        final = base
        for mask in masks.values():
            final &= mask

        wanted = page * per_page
        if sort == "relevance" and query and final:
            ordered_positions = self.rank(bitmaps, final, fields, groups, wanted, text_total)
        else:
            ordered_positions = bitmaps.newest(final, wanted)
        positions = ordered_positions[(page - 1) * per_page : wanted]
        ids = [bitmaps.base + p for p in positions]
        documents = SearchDocument.objects.in_bulk(ids)
        ordered = [documents[i] for i in ids if i in documents]
        hit_facets = {
            document.pk: {
                name: [label for _value, label in values]
                for name, values in (document.facets or {}).items()
            }
            for document in ordered
        }

        counts: dict[str, list[tuple[str, str, int]]] = {}
        for name in FACET_NAMES:
            candidates = base
            for other, mask in masks.items():
                if other != name:
                    candidates &= mask
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
        return final.bit_count(), ordered, hit_facets, counts

    # --- ranking ----------------------------------------------------------------------------

    def rank(self, bitmaps, final: int, fields, groups, wanted: int, text_total: int):
        """Positions of the ``wanted`` best hits: by field score (title > summary > body),
        then by the database's own score, then by type, then newest."""
        exact = final.bit_count() <= EXACT_LIMIT and (
            connection.vendor == "postgresql" or text_total <= EXACT_LIMIT
        )
        window = final.bit_count() if exact else max(wanted, WINDOW)
        tiers = first_ranking(final, fields, window)
        if exact:
            chosen = [(score, bm.ids_from_mask(mask)) for score, mask in tiers]
        else:
            chosen, found = [], 0
            for score, mask in tiers:
                positions = by_type_then_date(bitmaps, mask, window - found)
                chosen.append((score, positions))
                found += len(positions)
            if connection.vendor != "postgresql":
                # FTS5's bm25 costs as much as reading every match: see the ADR.
                return [p for _score, positions in chosen for p in positions][:wanted]
        candidates = [p for _score, positions in chosen for p in positions]
        scores = self.exact_scores(bitmaps, candidates, groups)
        type_of = type_ranks(bitmaps, candidates)
        out: list[int] = []
        for _score, positions in chosen:
            positions.sort(
                key=lambda p: (
                    -round(scores.get(p, 0.0), 6),
                    type_of.get(p, len(TYPE_ORDER)),
                    -bitmaps.date_of(p),
                    -p,
                )
            )
            out += positions
            if len(out) >= wanted:
                break
        return out[:wanted]

    def exact_scores(self, bitmaps, positions: list[int], groups) -> dict[int, float]:
        if not positions:
            return {}
        ids = [bitmaps.base + p for p in positions]
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                query = " | ".join(f"'{s}'" for group in groups for s in group)
                cursor.execute(
                    "SELECT id, ts_rank_cd('{0.1, 0.2, 0.4, 1.0}', search_vector, "
                    "to_tsquery('simple', %s), 1) FROM search_searchdocument WHERE id = ANY(%s)",
                    [query, ids],
                )
                return {row[0] - bitmaps.base: row[1] for row in cursor.fetchall()}
            match = " AND ".join(
                "(" + " OR ".join(f'"{s}"' for s in group) + ")" for group in groups
            )
            cursor.execute(
                "SELECT rowid, bm25(search_fts, 10.0, 4.0, 1.0) FROM search_fts "
                "WHERE search_fts MATCH %s",
                [match],
            )
            wanted = set(ids)
            return {row[0] - bitmaps.base: -row[1] for row in cursor.fetchall() if row[0] in wanted}
