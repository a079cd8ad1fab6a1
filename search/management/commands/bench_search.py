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
from search.engines import bitmaps as bitmaps_module
from search.engines import get_engine
from search.engines.bitmaps import get_bitmaps
from search.models import SearchDocument
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
        ("patti", {"transfer": ["adopted", "results"]}),
    ],
    "prefix (as you type)": [("coll", {}), ("rigen", {}), ("scuo", {}), ("volon", {})],
    "no words, facets only": [("", {})],
}


def percentiles(timings: list[float]) -> tuple[float, float]:
    timings = sorted(timings)
    return statistics.median(timings), timings[max(0, int(len(timings) * 0.95) - 1)]


class Command(BaseCommand):
    help = "Measure search latency on synthetic documents (use config.settings.bench)."

    def add_arguments(self, parser):
        parser.add_argument("--documents", type=int, default=50_000)
        parser.add_argument("--repeat", type=int, default=60, help="Searches per query kind.")
        parser.add_argument("--output", default="", help="Markdown file to update.")
        parser.add_argument(
            "--reuse", action="store_true", help="Keep an index of the right size (no rebuild)."
        )

    def handle(self, *args, documents: int, repeat: int, output: str, reuse: bool, **options):
        self.load_before = os.getloadavg()[0]
        if "bench" not in settings.SETTINGS_MODULE and not os.environ.get("BENCH_FORCE"):
            raise CommandError("Run with DJANGO_SETTINGS_MODULE=config.settings.bench.")
        from django.core.management import call_command

        call_command("migrate", verbosity=0, interactive=False)
        vendor = connection.vendor
        self.stdout.write(f"Search benchmark on {vendor}: indexing {documents} documents...")
        started = time.perf_counter()
        if reuse and SearchDocument.objects.count() == documents:
            indexed, rebuild_seconds = documents, None
        else:
            indexed = index.rebuild(bench.documents(documents))
            rebuild_seconds = time.perf_counter() - started
        get_engine().after_rebuild()  # also when the index was reused
        started = time.perf_counter()
        get_bitmaps()
        load_seconds = time.perf_counter() - started
        self.stdout.write(f"Indexed {indexed} in {rebuild_seconds or 0:.1f}s")
        rng = random.Random(3)
        changeable = list(
            SearchDocument.objects.filter(
                doc_type="session", generation=bitmaps_module.index_state()[0]
            ).values_list("id", flat=True)
        )
        # The first search of a new worker: nothing in memory yet.
        first_search = []
        for query, filters in [("patti scuola", {}), ("", {}), ("rigen", {"region": ["lazio"]})]:
            for _ in range(5):
                bitmaps_module.forget()
                began = time.perf_counter()
                search(query, filters)
                first_search.append((time.perf_counter() - began) * 1000)
        first_p50, first_p95 = percentiles(first_search)
        catch_up: list[float] = []
        rows = []
        for kind, queries in QUERIES.items():
            for query, filters in queries:  # warm up
                search(query, filters)
            runs = [(*rng.choice(queries), rng.choice([1, 1, 1, 2])) for _ in range(repeat)]
            timings, cpu, totals = [], [], []
            for query, filters, page in runs:
                began, began_cpu = time.perf_counter(), time.process_time()
                results = search(query, filters, page=page)
                timings.append((time.perf_counter() - began) * 1000)
                cpu.append((time.process_time() - began_cpu) * 1000)
                totals.append(results.total)
            # The same searches with the per-word bitmap cache emptied (words never seen).
            cold = []
            for query, filters, page in runs:
                get_bitmaps().terms.clear()
                get_bitmaps().prefixes.clear()
                began = time.perf_counter()
                search(query, filters, page=page)
                cold.append((time.perf_counter() - began) * 1000)
            # The same searches, each right after a registration changed one session's free
            # seats: the process catches up with the change and repairs the cached words.
            changed = []
            for query, filters, page in runs:
                search(query, filters, page=page)
                get_engine().upsert([bench.changed_seats(rng.choice(changeable), rng)])
                began = time.perf_counter()
                get_bitmaps()
                catch_up.append((time.perf_counter() - began) * 1000)
                search(query, filters, page=page)
                changed.append((time.perf_counter() - began) * 1000)
            p50, p95 = percentiles(timings)
            _cold_p50, cold_p95 = percentiles(cold)
            _cpu_p50, cpu_p95 = percentiles(cpu)
            _changed_p50, changed_p95 = percentiles(changed)
            rows.append(
                (kind, p50, p95, cpu_p95, cold_p95, changed_p95, int(statistics.median(totals)))
            )
            self.stdout.write(
                f"{kind}: p50 {p50:.1f} ms, p95 {p95:.1f} ms (new words p95 {cold_p95:.1f}, "
                f"after a change p95 {changed_p95:.1f})"
            )
        catch_up_p50, catch_up_p95 = percentiles(catch_up)
        table = [
            "| query kind | p50 ms | p95 ms | p95 CPU ms | p95 ms, new words "
            "| p95 ms, right after a change | hits |",
            "|---|---|---|---|---|---|---|",
            *[
                f"| {kind} | {p50:.1f} | {p95:.1f} | {cpu95:.1f} | {c95:.1f} | {ch95:.1f} "
                f"| {hits} |"
                for kind, p50, p95, cpu95, c95, ch95, hits in rows
            ],
            "",
            (
                f"Index rebuild of {indexed} documents: {rebuild_seconds:.1f} s. "
                if rebuild_seconds
                else f"Index of {indexed} documents reused (not rebuilt). "
            )
            + f"Loading the facet bitmaps from scratch (new process, or after a rebuild): "
            f"{load_seconds * 1000:.0f} ms; the first search of a new worker (bitmaps loaded "
            f"then searched): p50 {first_p50:.1f} ms, p95 {first_p95:.1f} ms. "
            f"Catching up with one changed document (first "
            f"search after a registration): p50 {catch_up_p50:.1f} ms, p95 "
            f"{catch_up_p95:.1f} ms, included in the last column.",
        ]
        over = [row[0] for row in rows if max(row[2], row[4], row[5]) >= 50]
        cold_over = [row[0] for row in rows if row[4] >= 50]
        table.append(
            "p95 under the 50 ms target, right after a change included."
            if not over
            else f"Over 50 ms p95: {', '.join(over)}."
        )
        if cold_over:
            table.append(
                f"With words never searched before, over 50 ms p95: {', '.join(cold_over)}."
            )
        self.stdout.write("\n".join(table))
        if output:
            self.write_report(Path(output), vendor, documents, repeat, table)

    def write_report(self, path: Path, vendor: str, documents: int, repeat: int, table) -> None:
        start, end = f"<!-- bench:search:{vendor}:start -->", f"<!-- bench:search:{vendor}:end -->"
        header = (
            f"Measured {datetime.date.today().isoformat()} on {platform.machine()}, "
            f"{os.cpu_count()} cores, Python {platform.python_version()}, {vendor}, "
            f"{documents} documents, {repeat} searches per kind (service call with facet counts "
            f"and snippets; wall-clock, and CPU of this process), load average "
            f"{self.load_before:.1f} at the start and {os.getloadavg()[0]:.1f} at the end (2 "
            f"cores shared with other work: wall-clock figures grow with the load, CPU ones "
            f"much less)."
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
    "query. Matching, filters and facet counts use the bitmaps stored beside the index and "
    "kept by each process (docs/adr/0001-search-bitmaps.md); the database ranks and returns "
    "the page of hits. The *new words* column times the same searches with the process's word "
    "bitmaps forgotten (words never searched); the *right after a change* column times them "
    "each right after one session's free seats changed, as after a registration. The line "
    "under the table gives the first search of a new worker (nothing in memory). Set "
    "`BENCH_DATABASE_URL` to measure PostgreSQL.\n"
)
