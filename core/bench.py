"""Benchmark harness used by ``manage.py bench`` (``make bench``).

Each app may have a ``bench.py`` module with:
- ``generate(scale: int, stdout) -> None``: create synthetic data for ``scale`` (idempotent
  enough to be called once per scale on a fresh database);
- ``pages() -> list[tuple[str, str]]``: the public pages to measure, as (name, url).
This module provides the site's own part: the page tree and the home page.
"""

from django.db import transaction

from core.models import StandardPage


def generate(scale: int, stdout) -> None:
    from core.demo import ensure_site_tree
    from practices.models import PracticeIndexPage

    ensure_site_tree()
    # Until practices exist, plain pages under the practice index fill the home page's
    # "latest" section, so its query count is measured with content in it.
    index = PracticeIndexPage.objects.get()
    existing = index.get_children().count()
    with transaction.atomic():
        for number in range(existing, min(scale, 200)):
            index.add_child(
                instance=StandardPage(
                    title=f"Scheda di prova {number}",
                    slug=f"scheda-di-prova-{number}",
                    summary="Pagina sintetica per le misure di prestazione.",
                )
            )


def pages() -> list[tuple[str, str]]:
    return [("home page", "/"), ("section index (practices)", "/buone-pratiche/")]
