"""Search engines: the database (default) and Elasticsearch (scale-out), same interface.

``get_engine()`` picks one from settings: ``SEARCH_ENGINE = "database" | "elasticsearch"``.
"""

from django.conf import settings
from django.utils.module_loading import import_string

ENGINES = {
    "database": "search.engines.database.DatabaseEngine",
    "elasticsearch": "search.engines.elastic.ElasticsearchEngine",
}


def get_engine(name: str | None = None):
    name = name or getattr(settings, "SEARCH_ENGINE", "database")
    return import_string(ENGINES[name])()
