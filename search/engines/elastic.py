"""Elasticsearch: see ``search.engines.cluster`` (one module for Elasticsearch and OpenSearch)."""

from search.engines.cluster import ElasticsearchEngine, schema

SearchDoc = schema("elasticsearch").SearchDoc

__all__ = ["ElasticsearchEngine", "SearchDoc"]
