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

import secrets
from types import SimpleNamespace

from django.conf import settings

from search.documents import STORED_FACETS, DocumentData
from search.engines.cluster_schema import PAIR_SEPARATOR, as_source, dsl, schema
from search.text import ParsedQuery

__all__ = ["ClusterEngine", "ElasticsearchEngine", "OpenSearchEngine", "as_source", "dsl", "schema"]


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
