"""Rebuild the whole search index from every registered builder, with a progress bar."""

import time

from django.core.management.base import BaseCommand
from tqdm import tqdm

from search import index
from search.engines import get_engine


class Command(BaseCommand):
    help = "Empty the search index and index every searchable object again."

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-progress", action="store_true", help="Do not show the progress bar."
        )

    def handle(self, *args, no_progress: bool = False, **options):
        started = time.perf_counter()
        engine = get_engine()
        total = index.count_objects()
        with tqdm(
            total=total,
            unit="doc",
            desc=f"Indexing ({engine.name})",
            disable=no_progress or options.get("verbosity", 1) == 0,
            file=self.stderr._out,
        ) as bar:
            indexed = index.rebuild(progress=bar.update)
        self.stdout.write(
            f"Indexed {indexed} documents with the {engine.name} engine "
            f"in {time.perf_counter() - started:.1f}s."
        )
