"""The Elasticsearch engine (scale-out), built on ``elasticsearch.dsl``.

Same interface and results shape as the database engine. The mapping analyses Italian the same
way: elision, lowercase, synonyms (from ``search.text.SYNONYMS``), stopwords, accent folding,
Italian Snowball stemming; a ``words`` field keeps unstemmed folded words for prefix matching.
``SearchDocumentFacets`` is a ``FacetedSearch``: each facet's aggregation excludes its own
filter (disjunctive counts) and the hits are narrowed by a post filter.
"""

from __future__ import annotations

import datetime
from types import SimpleNamespace

from django.conf import settings
from django.utils import timezone
from elasticsearch.dsl import (
    A,
    Date,
    Document,
    FacetedSearch,
    Integer,
    Keyword,
    Object,
    Q,
    TermsFacet,
    Text,
    analyzer,
    connections,
    token_filter,
)
from elasticsearch.dsl.faceted_search import Facet

from search.documents import STORED_FACETS, DocumentData
from search.text import STOPWORDS, SYNONYMS, ParsedQuery

PAIR_SEPARATOR = "\u241f"
CONNECTION_ALIAS = "search"

italian_synonyms = token_filter(
    "italian_synonyms", "synonym", lenient=True, synonyms=[", ".join(group) for group in SYNONYMS]
)
italian_text = analyzer(
    "italian_text",
    tokenizer="standard",
    filter=[
        token_filter(
            "italian_elision",
            "elision",
            articles_case=True,
            articles=[
                "c",
                "l",
                "all",
                "dall",
                "dell",
                "nell",
                "sull",
                "coll",
                "pell",
                "gl",
                "agl",
                "dagl",
                "degl",
                "negl",
                "sugl",
                "un",
                "m",
                "t",
                "s",
                "v",
                "d",
            ],
        ),
        "lowercase",
        "asciifolding",
        italian_synonyms,
        token_filter("italian_stop", "stop", stopwords=sorted(STOPWORDS)),
        token_filter("italian_stemmer", "stemmer", language="italian"),
    ],
)
folded_words = analyzer("folded_words", tokenizer="standard", filter=["lowercase", "asciifolding"])


def index_name() -> str:
    return getattr(settings, "ELASTICSEARCH_INDEX", "commons-search")


class SearchDoc(Document):
    key = Keyword()
    doc_type = Keyword()
    title = Text(analyzer=italian_text)
    body = Text(analyzer=italian_text)
    words = Text(analyzer=folded_words)
    url = Keyword(index=False)
    date = Date()
    event_end = Date()
    free_seats = Integer()
    language = Keyword()
    years = Keyword()
    details = Object(enabled=False)
    theme = Keyword()
    theme_pair = Keyword()
    instrument = Keyword()
    instrument_pair = Keyword()
    region = Keyword()
    region_pair = Keyword()
    organisation = Keyword()
    organisation_pair = Keyword()
    organisation_kind = Keyword()
    organisation_kind_pair = Keyword()
    mode = Keyword()
    mode_pair = Keyword()

    class Index:
        name = "commons-search"
        settings = {"number_of_shards": 1}

    @classmethod
    def from_data(cls, data: DocumentData) -> SearchDoc:
        fields = {
            "key": data.key,
            "doc_type": data.doc_type,
            "title": data.title,
            "body": data.body,
            "words": f"{data.title} {data.body}",
            "url": data.url,
            "date": data.date,
            "event_end": data.event_end,
            "free_seats": data.free_seats,
            "language": data.language,
            "details": data.details,
            "years": [value for name, value, _label in data.facet_rows() if name == "when"],
        }
        for name, value, label in data.facet_rows():
            if name in STORED_FACETS and name != "type":
                fields.setdefault(name, []).append(value)
                fields.setdefault(f"{name}_pair", []).append(f"{value}{PAIR_SEPARATOR}{label}")
        return cls(meta={"id": data.key, "index": index_name()}, **fields)


class PairTermsFacet(TermsFacet):
    """Counts ``<name>_pair`` (value + label) and filters on ``<name>`` (the value)."""

    def __init__(self, name: str):
        super().__init__(field=f"{name}_pair", size=200)
        self.value_field = name

    def add_filter(self, filter_values):
        if filter_values:
            return Q("terms", **{self.value_field: list(filter_values)})
        return None

    def get_values(self, data, filter_values):
        out = []
        for bucket in data.buckets:
            value, _sep, label = bucket["key"].partition(PAIR_SEPARATOR)
            out.append(((value, label), bucket["doc_count"], value in filter_values))
        return out


class NamedFiltersFacet(Facet):
    """A ``filters`` aggregation: one bucket per named condition (e.g. upcoming, past)."""

    agg_type = "filters"

    def __init__(self, conditions_factory):
        super().__init__()
        self.conditions_factory = conditions_factory

    def conditions(self) -> dict:
        return self.conditions_factory()

    def get_aggregation(self):
        return A("filters", filters=self.conditions())

    def get_value_filter(self, filter_value):
        return self.conditions().get(filter_value, Q("match_none"))

    def get_values(self, data, filter_values):
        buckets = data.buckets.to_dict() if hasattr(data.buckets, "to_dict") else data.buckets
        return [
            ((name, ""), bucket["doc_count"], name in filter_values)
            for name, bucket in buckets.items()
        ]


def _now():
    return getattr(SearchDocumentFacets, "now", None) or timezone.now()


def when_conditions() -> dict:
    now = _now()
    conditions = {
        "upcoming": Q("range", event_end={"gte": now.isoformat()}),
        "past": Q("range", event_end={"lt": now.isoformat()}),
    }
    for year in range(now.year + 2, 1999, -1):
        conditions[f"year:{year}"] = Q("term", years=f"year:{year}")
    return conditions


def free_seat_conditions() -> dict:
    return {"yes": Q("range", free_seats={"gt": 0})}


class SearchDocumentFacets(FacetedSearch):
    doc_types = [SearchDoc]
    using = CONNECTION_ALIAS
    facets = {
        "type": TermsFacet(field="doc_type", size=50),
        **{name: PairTermsFacet(name) for name in STORED_FACETS if name != "type"},
        "when": NamedFiltersFacet(when_conditions),
        "free_seats": NamedFiltersFacet(free_seat_conditions),
    }
    now: datetime.datetime | None = None

    def __init__(self, parsed: ParsedQuery, filters, sort: str, now=None):
        self.parsed = parsed
        self.index = index_name()
        SearchDocumentFacets.now = now
        super().__init__(query=parsed.text if parsed else None, filters=filters, sort=sort)

    def query(self, search, query):
        """Every word must match (stemmed, in title or body); the last also as a prefix."""
        parsed = self.parsed
        if not parsed:
            return search
        clauses = []
        for position, term in enumerate(parsed.terms):
            stemmed = Q("multi_match", query=term, fields=["title^5", "body"])
            if position == len(parsed.terms) - 1 and parsed.prefix_last:
                stemmed |= Q("prefix", words={"value": term, "boost": 0.2})
            clauses.append(stemmed)
        return search.query(Q("bool", must=clauses))

    def sort(self, search):
        by_date = {"date": {"order": "desc", "missing": "_last"}}
        if self._sort == "relevance" and self.parsed:
            return search.sort("_score", by_date)
        return search.sort(by_date)


class ElasticsearchEngine:
    name = "elasticsearch"

    def __init__(self):
        url = getattr(settings, "ELASTICSEARCH_URL", "")
        try:
            connections.get_connection(CONNECTION_ALIAS)
        except KeyError:
            if url:
                connections.create_connection(
                    alias=CONNECTION_ALIAS, hosts=[url], request_timeout=10
                )

    @property
    def client(self):
        return connections.get_connection(CONNECTION_ALIAS)

    def ensure_index(self) -> None:
        if not self.client.indices.exists(index=index_name()):
            SearchDoc.init(index=index_name(), using=CONNECTION_ALIAS)

    def upsert(self, documents) -> None:
        self.bulk_insert(list(documents))

    def bulk_insert(self, documents: list[DocumentData]) -> None:
        from elasticsearch.helpers import bulk

        self.ensure_index()
        bulk(
            self.client,
            (SearchDoc.from_data(d).to_dict(include_meta=True) for d in documents),
            refresh="wait_for",
        )

    def delete(self, keys) -> None:
        self.ensure_index()
        for key in keys:
            self.client.options(ignore_status=404).delete(
                index=index_name(), id=key, refresh="wait_for"
            )

    def clear(self) -> None:
        self.client.options(ignore_status=404).indices.delete(index=index_name())
        SearchDoc.init(index=index_name(), using=CONNECTION_ALIAS)

    def count(self) -> int:
        return self.client.count(index=index_name())["count"]

    def build(self, query: ParsedQuery, filters, page: int, per_page: int, sort: str, now=None):
        faceted = SearchDocumentFacets(query, filters, sort, now=now or timezone.now())
        start = (page - 1) * per_page
        return faceted[start : start + per_page]

    def search(self, query: ParsedQuery, filters, page: int, per_page: int, sort: str):
        response = self.build(query, filters, page, per_page, sort).execute()
        documents, hit_facets = [], {}
        for hit in response:
            source = hit.to_dict()
            documents.append(
                SimpleNamespace(
                    pk=source["key"],
                    key=source["key"],
                    doc_type=source["doc_type"],
                    title=source["title"],
                    url=source.get("url", ""),
                    body=source.get("body", ""),
                    date=source.get("date"),
                    event_end=source.get("event_end"),
                    free_seats=source.get("free_seats"),
                    details=source.get("details") or {},
                )
            )
            hit_facets[source["key"]] = {
                name: [pair.partition(PAIR_SEPARATOR)[2] for pair in source.get(f"{name}_pair", [])]
                for name in STORED_FACETS
                if name != "type" and source.get(f"{name}_pair")
            }
        counts = {}
        for name, values in response.facets.to_dict().items():
            rows = []
            for key, count, _selected in values:
                value, label = key if isinstance(key, tuple | list) else (key, "")
                rows.append((value, label, count))
            counts[name] = rows
        return response.hits.total.value, documents, hit_facets, counts
