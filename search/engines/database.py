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

from array import array
from collections import defaultdict
from collections.abc import Iterable, Iterator

from django.db import connection, transaction
from django.utils import timezone

from search.documents import FACET_NAMES, DocumentData
from search.engines import bitmaps as bm
from search.engines.database_writes import (  # noqa: F401 - stems_of, _as_data: used by tests, bench
    BATCH_SIZE,
    EXACT_LIMIT,
    MAX_PREFIX_WORDS,
    TYPE_ORDER,
    WINDOW,
    _as_data,
    _drop_generations,
    _fts_replace,
    _insert,
    _next_id,
    _prepare,
    _prune_words,
    delete_documents,
    facet_features,
    stems_of,
    text_features,
    write_documents,
)
from search.engines.ranking import by_type_then_date, first_ranking, type_ranks
from search.models import (
    SearchBitmap,
    SearchDocument,
    SearchIndexChange,
    SearchIndexState,
    SearchWord,
    random_generation,
)
from search.text import STOPWORDS, ParsedQuery, stem, words


class DatabaseEngine:
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

    # --- the rebuild, beside the live generation -------------------------------------------

    def rebuild(self, documents: Iterator[DocumentData], progress=None) -> int:
        """Fill a new generation while the live one serves, replay the writes that happened
        meanwhile, switch in one step, then drop the old generation. A crash before the switch
        leaves the old generation serving (its leftovers are dropped by the next rebuild)."""
        # What a crashed rebuild left: dropped before taking the writers' lock, so
        # registrations do not wait for it.
        _drop_generations(keep=bm.index_state()[0])
        with transaction.atomic():
            state = SearchIndexState.lock()
            generation = random_generation()
            _drop_generations(keep=state.generation)  # nothing left, unless the state was new
            base = _next_id()
            SearchIndexState.objects.filter(pk=1).update(building=generation, building_base=base)
            SearchIndexChange.objects.all().delete()
        indexed, vocabulary = self._fill(documents, generation, base, progress)
        with transaction.atomic():
            state = SearchIndexState.lock()
            replay = list(dict.fromkeys(SearchIndexChange.objects.values_list("key", flat=True)))
            for start in range(0, len(replay), BATCH_SIZE):
                keys = replay[start : start + BATCH_SIZE]
                live = SearchDocument.objects.filter(generation=state.generation, key__in=keys)
                present = [_as_data(row) for row in live]
                gone = set(keys) - {d.key for d in present}
                write_documents(present, generation, base, state.version)
                delete_documents(sorted(gone), generation, base, state.version)
                for data in present:
                    vocabulary.update(
                        w[:40] for w in words(f"{data.title} {data.summary} {data.body}")
                    )
            SearchIndexState.objects.filter(pk=1).update(
                generation=generation, base=base, building=None
            )
            SearchIndexChange.objects.all().delete()
            _prune_words(vocabulary)
        _drop_generations(keep=generation)
        self.after_rebuild()
        bm.forget()
        return indexed

    def _fill(self, documents, generation: int, base: int, progress) -> tuple[int, set[str]]:
        positions: dict[tuple[str, str], array] = defaultdict(lambda: array("I"))
        labels: dict[tuple[str, str], str] = {}
        dates: dict[tuple[str, int], array] = {}
        vocabulary: dict[str, str] = {}
        indexed = 0

        def flush(batch: list[DocumentData]) -> None:
            rows = [_prepare(d, generation) for d in {d.key: d for d in batch}.values()]
            with transaction.atomic():
                _insert(rows)
                _fts_replace(rows)
            for row in rows:
                position = row.pk - base
                for key, label in facet_features(row).items():
                    name = ("facet", bm.facet_name(*key))
                    positions[name].append(position)
                    labels[name] = label
                for key in text_features(row):
                    positions[key].append(position)
                for kind, attr in (("dates", "date"), ("ends", "event_end")):
                    value = getattr(row, attr)
                    if value is not None:
                        chunk = dates.get((kind, position // bm.CHUNK))
                        if chunk is None:
                            chunk = dates[(kind, position // bm.CHUNK)] = bm.new_chunk()
                        chunk[position % bm.CHUNK] = bm.timestamp(value)
                for word in words(f"{row.title} {row.summary} {row.body} {row.synonyms}"):
                    if word not in STOPWORDS:
                        vocabulary.setdefault(word[:40], stem(word[:40]))
            if progress:
                progress(len(rows))

        batch: list[DocumentData] = []
        for document in documents:
            batch.append(document)
            if len(batch) >= BATCH_SIZE:
                flush(batch)
                indexed += len(batch)
                batch = []
        if batch:
            flush(batch)
            indexed += len(batch)

        def bitmap_rows():
            for (kind, name), ids in positions.items():
                yield SearchBitmap(
                    generation=generation,
                    kind=kind,
                    name=name,
                    label=labels.get((kind, name), "")[:200],
                    data=bm.encode(bm.mask_from_ids(ids)),
                )
            for (kind, number), chunk in dates.items():
                yield SearchBitmap(
                    generation=generation, kind=kind, name=str(number), data=chunk.tobytes()
                )

        with transaction.atomic():
            SearchBitmap.objects.bulk_create(bitmap_rows(), batch_size=200)
            SearchWord.objects.bulk_create(
                (SearchWord(word=w, stem=s) for w, s in vocabulary.items()),
                ignore_conflicts=True,
                batch_size=BATCH_SIZE,
            )
        return indexed, set(vocabulary)

    def after_rebuild(self) -> None:
        """Refresh the planner's statistics; on PostgreSQL also reclaim the rows of the old
        generation, or lookups read the dead pages too (VACUUM needs autocommit)."""
        if connection.in_atomic_block:
            return
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute("VACUUM ANALYZE search_searchdocument")
                cursor.execute("VACUUM ANALYZE search_searchbitmap")
            elif connection.vendor == "sqlite":
                cursor.execute("INSERT INTO search_fts (search_fts) VALUES ('optimize')")
                cursor.execute("ANALYZE")

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
