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
