"""Search engines: the database (default) and a cluster (Elasticsearch or OpenSearch), with
the same interface.

``SEARCH_ENGINE`` ("database", "elasticsearch" or "opensearch") picks the one that answers
searches. The database index is written whatever the choice, so that it can answer when the
cluster cannot (``search.services``); the cluster is written too when one is configured.
"""

from django.conf import settings
from django.utils.module_loading import import_string

ENGINES = {
    "database": "search.engines.database.DatabaseEngine",
    "elasticsearch": "search.engines.cluster.ElasticsearchEngine",
    "opensearch": "search.engines.cluster.OpenSearchEngine",
}


def engine_name() -> str:
    return getattr(settings, "SEARCH_ENGINE", "database") or "database"


def get_engine(name: str | None = None):
    return import_string(ENGINES[name or engine_name()])()


def write_engines() -> list:
    """Every engine an index write goes to: the database, then the cluster if one is used."""
    names = ["database"]
    if engine_name() != "database":
        names.append(engine_name())
    return [get_engine(name) for name in names]
