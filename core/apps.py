from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from core import page_cache_signals


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Site")

    def ready(self) -> None:
        page_cache_signals.connect()
