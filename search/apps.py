from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("Search")

    def ready(self):
        from search import (
            builders,  # noqa: F401 - registers the per-type builders
            signals,
        )

        signals.connect()
        from core.indexing import register_index_handler
        from search.index import apply_update

        register_index_handler("search", apply_update)
        from search.engines import engine_name

        if engine_name() == "opensearch":
            # At start, in one thread: the import briefly swaps the ``events`` module (see
            # ``search.engines.cluster_schema._import_opensearchpy``).
            from search.engines.cluster import dsl

            dsl("opensearch")
