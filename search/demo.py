"""Demo: build the search index after every content app has loaded its demo content
(``search`` comes after the content apps in INSTALLED_APPS, so ``load_demo`` runs this last)."""

from search import index


def load(stdout) -> None:
    indexed = index.rebuild()
    stdout.write(f"Search index rebuilt: {indexed} documents.")
