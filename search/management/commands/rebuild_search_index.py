"""Rebuild the search index from every registered builder, with a progress bar: a new index is
filled beside the live one, which keeps answering, and replaces it in one step."""

import time

from django.core.management.base import BaseCommand
from tqdm import tqdm

from search import index
from search.engines import write_engines


class Command(BaseCommand):
    help = (
        "Index every searchable object again, beside the live index (which keeps answering), "
        "and switch to the new index in one step: the database index, then the cluster's."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-progress", action="store_true", help="Do not show the progress bar."
        )

    def handle(self, *args, no_progress: bool = False, **options):
        total = index.count_objects()
        for engine in write_engines():
            started = time.perf_counter()
            with tqdm(
                total=total,
                unit="doc",
                desc=f"Indexing ({engine.name})",
                disable=no_progress or options.get("verbosity", 1) == 0,
                file=self.stderr._out,
            ) as bar:
                indexed = index.rebuild(progress=bar.update, engine=engine)
            self.stdout.write(
                f"Indexed {indexed} documents with the {engine.name} engine "
                f"in {time.perf_counter() - started:.1f}s."
            )
