"""Benchmark harness used by ``manage.py bench`` (``make bench``).

Each app may have a ``bench.py`` module with:
- ``generate(scale: int, stdout) -> None``: create synthetic data for ``scale`` (called once
  per scale on a fresh database, small scale first);
- ``pages() -> list[tuple[str, str]]``: the public pages to measure, as (name, url).
This module provides the site's own part: the page tree and the home page.
"""


def generate(scale: int, stdout) -> None:
    from core.demo import ensure_site_tree

    ensure_site_tree()


def pages() -> list[tuple[str, str]]:
    # By path, not by model: core imports no app (the community index belongs to members).
    return [
        ("home page", "/"),
        ("standard page (legal notes)", "/note-legali/"),
        ("privacy notice", "/privacy/"),
        ("accessibility statement", "/accessibilita/"),
        ("site map", "/mappa-del-sito/"),
        ("community index", "/comunita/"),
        ("practices feed", "/feeds/pratiche/"),
        ("sitemap", "/sitemap.xml"),
    ]
