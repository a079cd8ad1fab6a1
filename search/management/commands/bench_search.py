"""Search benchmark: index N synthetic documents and measure p50/p95 latency of one-word,
two-word and filtered queries through the search service (facets included), plus the time to
rebuild the index. Results go to docs/benchmarks.md, one section per database vendor."""

import datetime
import os
import platform
import random
import statistics
import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from search import bench, index
from search.services import search

QUERIES = {
    "one word": [
        ("patti", {}),
        ("scuola", {}),
        ("regolamento", {}),
        ("volontari", {}),
        ("quartiere", {}),
        ("citta", {}),
        ("rigenerazione", {}),
        ("ETS", {}),
    ],
    "two words": [
        ("patti scuola", {}),
        ("beni comuni", {}),
        ("orti urbani", {}),
        ("terzo settore", {}),
        ("casa quartiere", {}),
        ("avviso pubblico", {}),
        ("biblioteca volontari", {}),
        ("piazza abitanti", {}),
    ],
    "filtered": [
        ("patti", {"region": ["piemonte"]}),
        ("scuola", {"theme": ["scuole"], "region": ["lombardia", "veneto"]}),
        ("", {"type": ["session"], "when": ["upcoming"], "free_seats": ["yes"]}),
        ("beni comuni", {"instrument": ["regolamento"], "organisation_kind": ["municipality"]}),
        ("collabora", {"region": ["emilia-romagna"], "theme": ["verde-urbano"]}),
        ("", {"theme": ["welfare"], "mode": ["online"]}),
    ],
    "prefix (as you type)": [("coll", {}), ("rigen", {}), ("scuo", {}), ("volon", {})],
    "no words, facets only": [("", {})],
}


class Command(BaseCommand):
    help = "Measure search latency on synthetic documents (use config.settings.bench)."

    def add_arguments(self, parser):
        parser.add_argument("--documents", type=int, default=50_000)
        parser.add_argument("--repeat", type=int, default=60, help="Searches per query kind.")
        parser.add_argument("--output", default="", help="Markdown file to update.")

    def handle(self, *args, documents: int, repeat: int, output: str, **options):
        if "bench" not in settings.SETTINGS_MODULE and not os.environ.get("BENCH_FORCE"):
            raise CommandError("Run with DJANGO_SETTINGS_MODULE=config.settings.bench.")
        from django.core.management import call_command

        call_command("migrate", verbosity=0, interactive=False)
        vendor = connection.vendor
        self.stdout.write(f"Search benchmark on {vendor}: indexing {documents} documents...")
        started = time.perf_counter()
        indexed = index.rebuild(bench.documents(documents))
        rebuild_seconds = time.perf_counter() - started
        if vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE search_searchdocument")
                cursor.execute("ANALYZE search_searchfacet")
        elif vendor == "sqlite":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        self.stdout.write(f"Indexed {indexed} in {rebuild_seconds:.1f}s")
        rng = random.Random(3)
        rows = []
        for kind, queries in QUERIES.items():
            for query, filters in queries:  # warm up
                search(query, filters)
            timings, totals = [], []
            for _ in range(repeat):
                query, filters = rng.choice(queries)
                began = time.perf_counter()
                results = search(query, filters, page=rng.choice([1, 1, 1, 2]))
                timings.append((time.perf_counter() - began) * 1000)
                totals.append(results.total)
            timings.sort()
            p50 = statistics.median(timings)
            p95 = timings[max(0, int(len(timings) * 0.95) - 1)]
            rows.append((kind, p50, p95, int(statistics.median(totals))))
            self.stdout.write(f"{kind}: p50 {p50:.1f} ms, p95 {p95:.1f} ms")
        table = [
            "| query kind | p50 ms | p95 ms | median hits |",
            "|---|---|---|---|",
            *[f"| {kind} | {p50:.1f} | {p95:.1f} | {hits} |" for kind, p50, p95, hits in rows],
            "",
            f"Index rebuild of {indexed} documents: {rebuild_seconds:.1f} s.",
        ]
        over = [kind for kind, _p50, p95, _hits in rows if p95 >= 50]
        table.append(
            "All p95 under the 50 ms target." if not over else f"Over 50 ms p95: {', '.join(over)}."
        )
        self.stdout.write("\n".join(table))
        if output:
            self.write_report(Path(output), vendor, documents, repeat, table)

    def write_report(self, path: Path, vendor: str, documents: int, repeat: int, table) -> None:
        start, end = f"<!-- bench:search:{vendor}:start -->", f"<!-- bench:search:{vendor}:end -->"
        header = (
            f"Measured {datetime.date.today().isoformat()} on {platform.machine()}, "
            f"{os.cpu_count()} cores, Python {platform.python_version()}, {vendor}, "
            f"{documents} documents, {repeat} searches per kind (wall-clock, service call with "
            "facet counts and snippets)."
        )
        block = "\n".join([start, f"### {vendor}", "", header, "", *table, end])
        text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n"
        if start in text:
            text = text.split(start)[0] + block + text.split(end, 1)[1]
        else:
            if "## Search" not in text:
                text = text.rstrip() + "\n\n## Search\n\n" + SEARCH_INTRO
            text = text.rstrip() + "\n\n" + block + "\n"
        path.write_text(text, encoding="utf-8")
        self.stdout.write(f"Results written to {path}")


SEARCH_INTRO = (
    "`make bench` also runs `manage.py bench_search`: it indexes 50,000 synthetic documents in "
    "Italian (`search/bench.py`: seven content types, 1-3 themes, 1-2 instruments, a region, "
    "a host organisation and its kind, a format for events, dates over five years, free seats), "
    "then times the search service (facet counts and snippets included) for each kind of "
    "query. Set `BENCH_DATABASE_URL` to measure PostgreSQL.\n"
)
