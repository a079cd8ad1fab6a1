# ruff: noqa: S608 - SQL is assembled from fixed fragments and placeholders; values are parameters.
"""The database engine: PostgreSQL full text or SQLite FTS5, facet counts by SQL GROUP BY.

Queries are built from ``ParsedQuery`` terms, which are letters and digits only, and passed as
parameters: no user text reaches SQL or the full-text syntax raw. Facet counts are disjunctive:
each facet is counted with every active filter except its own, so a person can widen a choice
as well as narrow it. One query per distinct filter set, so the count of queries is constant.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from django.db import connection, transaction
from django.utils import timezone

from search.documents import STORED_FACETS, DocumentData
from search.models import SearchDocument, SearchFacet
from search.text import ParsedQuery, index_terms, synonym_text, words

PG_VECTOR = (
    "setweight(to_tsvector('italian_unaccent', d.title), 'A') || "
    "setweight(to_tsvector('italian_unaccent', d.body || ' ' || d.synonyms), 'B') || "
    "setweight(to_tsvector('simple', d.indexed_text), 'D')"
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

    def upsert(self, documents: Iterable[DocumentData]) -> None:
        documents = list(documents)
        if not documents:
            return
        with transaction.atomic():
            self.delete(d.key for d in documents)
            self._insert(documents)

    def delete(self, keys: Iterable[str]) -> None:
        keys = list(keys)
        with transaction.atomic():
            ids = list(SearchDocument.objects.filter(key__in=keys).values_list("id", flat=True))
            if connection.vendor == "sqlite" and ids:
                with connection.cursor() as cursor:
                    cursor.executemany(
                        "DELETE FROM search_fts WHERE rowid = %s", [(i,) for i in ids]
                    )
            SearchDocument.objects.filter(id__in=ids).delete()

    def clear(self) -> None:
        with transaction.atomic():
            SearchFacet.objects.all().delete()
            SearchDocument.objects.all().delete()
            if connection.vendor == "sqlite":
                with connection.cursor() as cursor:
                    cursor.execute("DELETE FROM search_fts")

    def bulk_insert(self, documents: list[DocumentData]) -> None:
        """Insert documents known to be absent (rebuild); one transaction per batch."""
        with transaction.atomic():
            self._insert(documents)

    def _insert(self, documents: list[DocumentData]) -> None:
        rows = SearchDocument.objects.bulk_create([_prepare(d) for d in documents])
        if any(row.pk is None for row in rows):
            by_key = dict(
                SearchDocument.objects.filter(key__in=[r.key for r in rows]).values_list(
                    "key", "id"
                )
            )
            for row in rows:
                row.pk = row.id = by_key[row.key]
        ids = {row.key: row.pk for row in rows}
        SearchFacet.objects.bulk_create(
            SearchFacet(document_id=ids[d.key], name=name, value=value, label=label)
            for d in documents
            for name, value, label in d.facet_rows()
        )
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute(
                    f"UPDATE search_searchdocument d SET search_vector = {PG_VECTOR} "
                    "WHERE d.id = ANY(%s)",
                    [list(ids.values())],
                )
            elif connection.vendor == "sqlite":
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

    def count(self) -> int:
        return SearchDocument.objects.count()

    # --- reading --------------------------------------------------------------------------

    def text_condition(self, query: ParsedQuery) -> tuple[str, list]:
        """SQL condition on ``d`` for the query words (empty when there are none)."""
        if not query:
            return "", []
        if connection.vendor == "postgresql":
            full = query.terms[:-1] if query.prefix_last else query.terms
            parts, params = [], []
            if full:
                parts.append("to_tsquery('italian_unaccent', %s)")
                params.append(" & ".join(full))
            if query.prefix_last:
                last = query.terms[-1]
                parts.append("(to_tsquery('italian_unaccent', %s) || to_tsquery('simple', %s))")
                params.extend([last, f"{last}:*"])
            return f"d.search_vector @@ ({' && '.join(parts)})", params
        return "d.id IN (SELECT rowid FROM search_fts WHERE search_fts MATCH %s)", [
            self.fts_match(query)
        ]

    @staticmethod
    def fts_match(query: ParsedQuery) -> str:
        parts = [f'"{stem}"' for stem in query.stems]
        if query.prefix_last:
            parts[-1] = f'({parts[-1]} OR words : "{query.terms[-1]}" *)'
        return " AND ".join(parts)

    def filter_condition(self, filters: dict[str, list[str]], now) -> tuple[list[str], list]:
        conditions, params = [], []
        for name, values in filters.items():
            if not values:
                continue
            if name == "type":
                conditions.append(f"d.doc_type IN ({', '.join(['%s'] * len(values))})")
                params.extend(values)
            elif name == "free_seats":
                conditions.append("d.free_seats > 0")
            elif name == "when":
                ors = []
                years = [v for v in values if v.startswith("year:")]
                if "upcoming" in values:
                    ors.append("d.event_end >= %s")
                    params.append(now)
                if "past" in values:
                    ors.append("d.event_end < %s")
                    params.append(now)
                if years:
                    ors.append(
                        "d.id IN (SELECT document_id FROM search_searchfacet WHERE name = 'when' "
                        f"AND value IN ({', '.join(['%s'] * len(years))}))"
                    )
                    params.extend(years)
                conditions.append("(" + " OR ".join(ors or ["1 = 0"]) + ")")
            else:
                conditions.append(
                    "d.id IN (SELECT document_id FROM search_searchfacet WHERE name = %s "
                    f"AND value IN ({', '.join(['%s'] * len(values))}))"
                )
                params.extend([name, *values])
        return conditions, params

    def where(self, query, filters, now, exclude: str | None = None) -> tuple[str, list]:
        text_sql, params = self.text_condition(query)
        conditions = [text_sql] if text_sql else []
        filter_sql, filter_params = self.filter_condition(
            {k: v for k, v in filters.items() if k != exclude}, now
        )
        conditions += filter_sql
        params = params + filter_params
        return (" AND ".join(conditions) or "1 = 1"), params

    def search(self, query: ParsedQuery, filters, page: int, per_page: int, sort: str):
        now = timezone.now()
        where, params = self.where(query, filters, now)
        with connection.cursor() as cursor:
            order = "d.date DESC, d.id DESC"
            if connection.vendor == "postgresql":
                order = "d.date DESC NULLS LAST, d.id DESC"
            select = "d.id"
            if sort == "relevance" and query:
                if connection.vendor == "postgresql":
                    text_sql, text_params = self.text_condition(query)
                    rank_query = text_sql.split("@@", 1)[1]
                    select = f"d.id, ts_rank(d.search_vector, {rank_query}) AS rank"
                    params = text_params + params
                    order = "rank DESC, " + order
                else:
                    select = "d.id, bm25(search_fts, 5.0, 1.0, 0.2) AS rank"
                    where = where.replace(
                        "d.id IN (SELECT rowid FROM search_fts WHERE search_fts MATCH %s)",
                        "search_fts MATCH %s",
                        1,
                    )
                    order = "rank, " + order
                    cursor.execute(
                        f"SELECT {select} FROM search_fts JOIN search_searchdocument d "
                        f"ON d.id = search_fts.rowid WHERE {where} ORDER BY {order} "
                        "LIMIT %s OFFSET %s",
                        [*params, per_page, (page - 1) * per_page],
                    )
                    ids = [row[0] for row in cursor.fetchall()]
                    select = None
            if select is not None:
                cursor.execute(
                    f"SELECT {select} FROM search_searchdocument d WHERE {where} "
                    f"ORDER BY {order} LIMIT %s OFFSET %s",
                    [*params, per_page, (page - 1) * per_page],
                )
                ids = [row[0] for row in cursor.fetchall()]
        documents = SearchDocument.objects.in_bulk(ids)
        ordered = [documents[i] for i in ids if i in documents]
        facet_rows = defaultdict(lambda: defaultdict(list))
        for document_id, name, label in SearchFacet.objects.filter(document_id__in=ids).values_list(
            "document_id", "name", "label"
        ):
            facet_rows[document_id][name].append(label)
        total, facets = self.facet_counts(query, filters, now)
        return total, ordered, facet_rows, facets

    def facet_counts(self, query, filters, now):
        """Total and facet counts: {name: [(value, label, count)]}."""
        active = {name for name, values in filters.items() if values}
        groups: dict[str | None, list[str]] = defaultdict(list)
        from search.documents import FACET_NAMES

        for name in FACET_NAMES:
            groups[name if name in active else None].append(name)
        groups.setdefault(None, [])
        counts: dict[str, list[tuple[str, str, int]]] = {}
        total = 0
        with connection.cursor() as cursor:
            for exclude, names in groups.items():
                where, params = self.where(query, filters, now, exclude=exclude)
                stored = [n for n in names if n in STORED_FACETS or n == "when"]
                cursor.execute(
                    "SELECT COUNT(*), "
                    "COALESCE(SUM(CASE WHEN d.event_end >= %s THEN 1 ELSE 0 END), 0), "
                    "COALESCE(SUM(CASE WHEN d.event_end < %s THEN 1 ELSE 0 END), 0), "
                    "COALESCE(SUM(CASE WHEN d.free_seats > 0 THEN 1 ELSE 0 END), 0) "
                    f"FROM search_searchdocument d WHERE {where}",
                    [now, now, *params],
                )
                group_total, upcoming, past, free = cursor.fetchone()
                if exclude is None:
                    total = group_total
                if "when" in names:
                    counts["when"] = [("upcoming", "", upcoming), ("past", "", past)]
                if "free_seats" in names:
                    counts["free_seats"] = [("yes", "", free)]
                if stored:
                    cursor.execute(
                        "SELECT f.name, f.value, MAX(f.label), COUNT(*) "
                        "FROM search_searchfacet f JOIN search_searchdocument d "
                        "ON d.id = f.document_id "
                        f"WHERE f.name IN ({', '.join(['%s'] * len(stored))}) AND {where} "
                        "GROUP BY f.name, f.value",
                        [*stored, *params],
                    )
                    for name, value, label, count in cursor.fetchall():
                        counts.setdefault(name, []).append((value, label, count))
        return total, counts
