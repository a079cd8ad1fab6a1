"""Synthetic community meetings for ``make bench`` (``events.community_bench``)."""

from events import community_bench


def generate(scale: int, stdout) -> None:
    community_bench.generate(scale, stdout)


def pages() -> list[tuple[str, str]]:
    return community_bench.pages()
