"""The database engine's rebuild: a new generation is filled beside the live one, the writes
that happened meanwhile are replayed, and the switch is one step (``DatabaseEngine`` mixes this
in; ``search.engines.database`` has the reads and the incremental writes)."""

from __future__ import annotations

from array import array
from collections import defaultdict
from collections.abc import Iterator

from django.db import connection, transaction

from search.documents import DocumentData
from search.engines import bitmaps as bm
from search.engines.database_writes import (
    BATCH_SIZE,
    _as_data,
    _drop_generations,
    _fts_replace,
    _insert,
    _next_id,
    _prepare,
    _prune_words,
    delete_documents,
    facet_features,
    text_features,
    write_documents,
)
from search.models import (
    SearchBitmap,
    SearchDocument,
    SearchIndexChange,
    SearchIndexState,
    SearchWord,
    random_generation,
)
from search.text import STOPWORDS, stem, words


class RebuildMixin:
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
