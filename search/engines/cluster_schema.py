"""The mapping and the DSL of the cluster engine, built for Elasticsearch or OpenSearch
(``search.engines.cluster``): which library, the index schema with its Italian analysis, and a
search document as the cluster stores it."""

from __future__ import annotations

import datetime
import functools
import importlib
import importlib.machinery
import importlib.util
import sys
from types import SimpleNamespace

from django.utils import timezone

from search.documents import STORED_FACETS, DocumentData
from search.text import STOPWORDS, SYNONYMS, ParsedQuery

PAIR_SEPARATOR = "\u241f"
#: Ties between equally relevant hits: the same order of types as the database engine.
TYPE_ORDER = ("practice", "offer", "meeting", "community", "organisation", "tool", "topic")
ELISION_ARTICLES = [
    "c", "l", "all", "dall", "dell", "nell", "sull", "coll", "pell", "gl", "agl", "dagl",
    "degl", "negl", "sugl", "un", "m", "t", "s", "v", "d",
]  # fmt: skip


def _import_opensearchpy():
    """Import opensearch-py. It needs the PyPI package ``events``, whose name our own
    ``events`` app shadows: for the length of the import only, ``events`` is that package."""
    if "opensearchpy" in sys.modules:
        return sys.modules["opensearchpy"]
    ours = sys.modules.get("events")
    paths = [p for p in sys.path if "site-packages" in p or "dist-packages" in p]
    spec = importlib.machinery.PathFinder.find_spec("events", paths)
    try:
        if spec is not None:
            theirs = importlib.util.module_from_spec(spec)
            sys.modules["events"] = theirs
            spec.loader.exec_module(theirs)
        return importlib.import_module("opensearchpy")
    finally:
        if ours is not None:
            sys.modules["events"] = ours
        else:
            sys.modules.pop("events", None)


@functools.cache
def dsl(flavour: str) -> SimpleNamespace:
    """The DSL names of one library: "elasticsearch" or "opensearch"."""
    if flavour == "elasticsearch":
        from elasticsearch import dsl as lib
        from elasticsearch import helpers
        from elasticsearch.dsl.faceted_search import Facet

        return SimpleNamespace(lib=lib, Facet=Facet, bulk=helpers.bulk, flavour=flavour)
    lib = _import_opensearchpy()
    from opensearchpy import helpers
    from opensearchpy.helpers.faceted_search import Facet

    return SimpleNamespace(lib=lib, Facet=Facet, bulk=helpers.bulk, flavour=flavour)


@functools.cache
def schema(flavour: str) -> SimpleNamespace:
    """The mapping and the faceted search, for one library."""
    d = dsl(flavour)
    lib = d.lib
    italian_synonyms = lib.token_filter(
        "italian_synonyms",
        "synonym",
        lenient=True,
        synonyms=[", ".join(group) for group in SYNONYMS],
    )
    italian_text = lib.analyzer(
        "italian_text",
        tokenizer="standard",
        filter=[
            lib.token_filter(
                "italian_elision", "elision", articles_case=True, articles=ELISION_ARTICLES
            ),
            "lowercase",
            "asciifolding",
            italian_synonyms,
            lib.token_filter("italian_stop", "stop", stopwords=sorted(STOPWORDS)),
            lib.token_filter("italian_stemmer", "stemmer", language="italian"),
        ],
    )
    folded_words = lib.analyzer(
        "folded_words", tokenizer="standard", filter=["lowercase", "asciifolding"]
    )
    fields = {
        "key": lib.Keyword(),
        "doc_type": lib.Keyword(),
        "type_rank": lib.Integer(),
        "title": lib.Text(analyzer=italian_text),
        "summary": lib.Text(analyzer=italian_text),
        "body": lib.Text(analyzer=italian_text),
        "words": lib.Text(analyzer=folded_words),
        "url": lib.Keyword(index=False),
        "date": lib.Date(),
        "event_end": lib.Date(),
        "free_seats": lib.Integer(),
        "language": lib.Keyword(),
        "years": lib.Keyword(),
        "details": lib.Object(enabled=False),
    }
    for name in STORED_FACETS:
        if name != "type":
            fields[name] = lib.Keyword()
            fields[f"{name}_pair"] = lib.Keyword()

    class Index:
        name = "commons-search"
        settings = {"number_of_shards": 1}

    search_doc = type("SearchDoc", (lib.Document,), {**fields, "Index": Index})

    class PairTermsFacet(lib.TermsFacet):
        """Counts ``<name>_pair`` (value + label) and filters on ``<name>`` (the value)."""

        def __init__(self, name: str):
            super().__init__(field=f"{name}_pair", size=200)
            self.value_field = name

        def add_filter(self, filter_values):
            if filter_values:
                return lib.Q("terms", **{self.value_field: list(filter_values)})
            return None

        def get_values(self, data, filter_values):
            out = []
            for bucket in data.buckets:
                value, _sep, label = bucket["key"].partition(PAIR_SEPARATOR)
                out.append(((value, label), bucket["doc_count"], value in filter_values))
            return out

    class NamedFiltersFacet(d.Facet):
        """A ``filters`` aggregation: one bucket per named condition (e.g. upcoming, past)."""

        agg_type = "filters"

        def __init__(self, conditions_factory):
            super().__init__()
            self.conditions_factory = conditions_factory

        def get_aggregation(self):
            return lib.A("filters", filters=self.conditions_factory())

        def get_value_filter(self, filter_value):
            return self.conditions_factory().get(filter_value, lib.Q("match_none"))

        def get_values(self, data, filter_values):
            buckets = data.buckets.to_dict() if hasattr(data.buckets, "to_dict") else data.buckets
            return [
                ((name, ""), bucket["doc_count"], name in filter_values)
                for name, bucket in buckets.items()
            ]

    class Facets(lib.FacetedSearch):
        doc_types = [search_doc]
        using = f"search-{flavour}"
        now: datetime.datetime | None = None

        def __init__(self, parsed: ParsedQuery, filters, sort: str, index: str, now=None):
            self.parsed = parsed
            self.index = index
            self.moment = now or timezone.now()
            self.facets = {
                "type": lib.TermsFacet(field="doc_type", size=50),
                **{name: PairTermsFacet(name) for name in STORED_FACETS if name != "type"},
                "when": NamedFiltersFacet(self.when_conditions),
                "free_seats": NamedFiltersFacet(
                    lambda: {"yes": lib.Q("range", free_seats={"gt": 0})}
                ),
            }
            super().__init__(query=parsed.text if parsed else None, filters=filters, sort=sort)

        def when_conditions(self) -> dict:
            now = self.moment
            conditions = {
                "upcoming": lib.Q("range", event_end={"gte": now.isoformat()}),
                "past": lib.Q("range", event_end={"lt": now.isoformat()}),
            }
            for year in range(now.year + 2, 1989, -1):
                conditions[f"year:{year}"] = lib.Q("term", years=f"year:{year}")
            return conditions

        def query(self, search, query):
            """Every word must match (stemmed, in title, summary or body); the last also as a
            prefix. Words are ``ParsedQuery`` terms: no user syntax reaches the cluster."""
            parsed = self.parsed
            if not parsed:
                return search
            clauses = []
            for position, term in enumerate(parsed.terms):
                stemmed = lib.Q("multi_match", query=term, fields=["title^5", "summary^2", "body"])
                if position == len(parsed.terms) - 1 and parsed.prefix_last:
                    stemmed |= lib.Q("prefix", words={"value": term, "boost": 0.2})
                clauses.append(stemmed)
            return search.query(lib.Q("bool", must=clauses))

        def sort(self, search):
            by_date = {"date": {"order": "desc", "missing": "_last"}}
            if self._sort == "relevance" and self.parsed:
                return search.sort("_score", {"type_rank": {"order": "asc"}}, by_date)
            return search.sort(by_date)

    return SimpleNamespace(SearchDoc=search_doc, Facets=Facets)


def as_source(data: DocumentData) -> dict:
    fields = {
        "key": data.key,
        "doc_type": data.doc_type,
        "type_rank": TYPE_ORDER.index(data.doc_type)
        if data.doc_type in TYPE_ORDER
        else len(TYPE_ORDER),
        "title": data.title,
        "summary": data.summary,
        "body": data.body,
        "words": f"{data.title} {data.summary} {data.body}",
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
    return fields
