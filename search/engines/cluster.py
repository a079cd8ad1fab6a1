"""The scale-out engine: Elasticsearch (``elasticsearch.dsl``) or OpenSearch (opensearch-py's
DSL, the same API). One mapping and one ``FacetedSearch``, built for either library.

The mapping analyses Italian the way the database engine does: elision, lowercase, synonyms
(``search.text.SYNONYMS``), stopwords, accent folding, Italian Snowball stemming; a ``words``
field keeps unstemmed folded words for prefix matching. Relevance has the same intent as the
database engine: title, then summary, then body (``title^5``, ``summary^2``, ``body``), then
type and date as tie-breakers. Each facet's aggregation excludes its own filter (disjunctive
counts); the hits are narrowed by a post filter.

The index is an alias: a rebuild fills a new index beside the live one (writes made meanwhile
go to both, through a second ``-building`` alias, and the rebuild never overwrites them), then
moves the alias in one request. Requests time out after ``SEARCH_CLUSTER_TIMEOUT`` seconds
(2 by default) without retries: the search service then lets the database engine answer.
"""

from __future__ import annotations

import datetime
import functools
import importlib
import importlib.machinery
import importlib.util
import secrets
import sys
from types import SimpleNamespace

from django.conf import settings
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


class ClusterEngine:
    """Same interface and results shape as the database engine."""

    flavour = "elasticsearch"
    url_setting = "ELASTICSEARCH_URL"

    def __init__(self):
        self.dsl = dsl(self.flavour)
        self.schema = schema(self.flavour)
        self.alias = f"search-{self.flavour}"
        connections = self.dsl.lib.connections
        try:
            connections.get_connection(self.alias)
        except KeyError:
            url = getattr(settings, self.url_setting, "")
            if url:
                timeout = float(getattr(settings, "SEARCH_CLUSTER_TIMEOUT", 2.0))
                options = {"max_retries": 0, "retry_on_timeout": False}
                if self.flavour == "elasticsearch":
                    options["request_timeout"] = timeout
                else:
                    options["timeout"] = timeout
                connections.create_connection(alias=self.alias, hosts=[url], **options)

    @property
    def name(self) -> str:
        return self.flavour

    @property
    def index(self) -> str:
        return getattr(settings, "SEARCH_CLUSTER_INDEX", "") or getattr(
            settings, "ELASTICSEARCH_INDEX", "commons-search"
        )

    @property
    def building(self) -> str:
        return f"{self.index}-building"

    @property
    def client(self):
        return self.dsl.lib.connections.get_connection(self.alias)

    def _missing_ok(self, call, *args, **kwargs):
        try:
            return call(*args, **kwargs)
        except Exception as error:  # NotFoundError differs between the two libraries
            if getattr(error, "status_code", None) == 404 or getattr(error, "status", None) == 404:
                return None
            if "404" in str(getattr(error, "args", "")[:1]):
                return None
            raise

    # --- writing -----------------------------------------------------------------------------

    def _new_index(self) -> str:
        name = f"{self.index}-{secrets.token_hex(4)}"
        self.schema.SearchDoc.init(index=name, using=self.alias)
        return name

    def ensure_index(self) -> None:
        if not self.client.indices.exists(index=self.index):
            name = self._new_index()
            self.client.indices.put_alias(index=name, name=self.index)

    def _targets(self) -> list[str]:
        targets = [self.index]
        if self.client.indices.exists_alias(name=self.building):
            targets.append(self.building)
        return targets

    def _actions(self, documents, index: str, op_type: str = "index"):
        for data in documents:
            yield {"_op_type": op_type, "_index": index, "_id": data.key, **as_source(data)}

    def upsert(self, documents) -> None:
        documents = list(documents)
        if not documents:
            return
        self.ensure_index()
        for target in self._targets():
            self.dsl.bulk(self.client, self._actions(documents, target), refresh="wait_for")

    def bulk_insert(self, documents: list[DocumentData]) -> None:
        self.upsert(documents)

    def delete(self, keys) -> None:
        self.ensure_index()
        for target in self._targets():
            for key in keys:
                self._missing_ok(self.client.delete, index=target, id=key, refresh="wait_for")

    def clear(self) -> None:
        self.rebuild(iter(()))

    def rebuild(self, documents, progress=None) -> int:
        """Fill a new index while the alias still points at the old one, then move the alias
        in one request. Writes made meanwhile reach the new index too (``-building`` alias)
        and win: the rebuild only creates documents that are not there yet."""
        new = self._new_index()
        self.client.indices.put_alias(index=new, name=self.building)
        indexed = 0
        batch: list[DocumentData] = []

        def flush():
            nonlocal indexed
            _ok, errors = self.dsl.bulk(
                self.client,
                self._actions(batch, new, op_type="create"),
                raise_on_error=False,
            )
            real = [e for e in errors if next(iter(e.values())).get("status") != 409]
            if real:
                raise RuntimeError(f"{len(real)} documents were not indexed: {real[:1]}")
            indexed += len(batch)
            if progress:
                progress(len(batch))

        for document in documents:
            batch.append(document)
            if len(batch) >= 500:
                flush()
                batch = []
        if batch:
            flush()
        self.client.indices.refresh(index=new)
        old = []
        if self.client.indices.exists_alias(name=self.index):
            old = list(self.client.indices.get_alias(name=self.index))
        elif self.client.indices.exists(index=self.index):
            # A concrete index from before aliases: it must go for the alias to take its name.
            self.client.indices.delete(index=self.index)
        actions = [{"remove": {"index": name, "alias": self.index}} for name in old]
        actions += [
            {"add": {"index": new, "alias": self.index}},
            {"remove": {"index": new, "alias": self.building}},
        ]
        self.client.indices.update_aliases(body={"actions": actions})
        for name in old:
            if name != new:
                self._missing_ok(self.client.indices.delete, index=name)
        return indexed

    def after_rebuild(self) -> None:
        """Nothing to do: the cluster merges its own segments."""

    def count(self) -> int:
        return self.client.count(index=self.index)["count"]

    # --- reading ------------------------------------------------------------------------------

    def build(self, query: ParsedQuery, filters, page: int, per_page: int, sort: str, now=None):
        faceted = self.schema.Facets(query, filters, sort, index=self.index, now=now)
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
                    summary=source.get("summary", ""),
                    body=source.get("body", ""),
                    date=_datetime(source.get("date")),
                    event_end=_datetime(source.get("event_end")),
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
        total = response.hits.total
        return getattr(total, "value", total), documents, hit_facets, counts


def _datetime(value):
    if isinstance(value, str):
        from django.utils.dateparse import parse_datetime

        return parse_datetime(value)
    return value


class ElasticsearchEngine(ClusterEngine):
    flavour = "elasticsearch"
    url_setting = "ELASTICSEARCH_URL"


class OpenSearchEngine(ClusterEngine):
    flavour = "opensearch"
    url_setting = "OPENSEARCH_URL"
