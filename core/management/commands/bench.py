"""Measure public pages: CPU milliseconds per request (median of N, in process with Django's
test client) and SQL queries, at a small and at the chosen scale, so that a query count that
grows with the data shows up. Results are printed and written to docs/benchmarks.md."""

import datetime
import os
import platform
import statistics
import time
from importlib import import_module
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.cache import caches
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext

BENCH_SECTION_START = "<!-- bench:pages:start -->"
BENCH_SECTION_END = "<!-- bench:pages:end -->"
# The design's budgets for a rendered public page and for one served from the page cache.
BUDGET_CPU_MS = 10
BUDGET_QUERIES = 12
BUDGET_CACHED_MS = 1


def bench_modules():
    for app_config in apps.get_app_configs():
        try:
            yield import_module(f"{app_config.name}.bench")
        except ModuleNotFoundError as error:
            if error.name != f"{app_config.name}.bench":
                raise


class Command(BaseCommand):
    help = "Generate synthetic data and measure CPU time and SQL queries of each public page."

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=int, default=1000, help="Size of the synthetic data.")
        parser.add_argument("--repeat", type=int, default=20, help="Requests measured per page.")
        parser.add_argument("--output", default="", help="Markdown file to update with results.")

    def handle(self, *args, scale: int, repeat: int, output: str, **options):
        if "bench" not in settings.SETTINGS_MODULE and not os.environ.get("BENCH_FORCE"):
            raise CommandError(
                "Run with DJANGO_SETTINGS_MODULE=config.settings.bench (make bench)."
            )
        self.stdout.write(
            f"Database: {connection.vendor} ({settings.DATABASES['default']['NAME']})"
        )
        # Like Django's test runner: keep one connection across requests, so queries are counted.
        request_started.disconnect(close_old_connections)
        request_finished.disconnect(close_old_connections)
        call_command("migrate", verbosity=0, interactive=False)
        call_command("flush", verbosity=0, interactive=False)
        modules = list(bench_modules())
        results = []
        for label, size in (("small", max(1, scale // 10)), ("full", scale)):
            started = time.perf_counter()
            for module in modules:
                module.generate(size, self.stdout)
            self.stdout.write(
                f"Generated data for scale {size} in {time.perf_counter() - started:.1f}s"
            )
            # The generators insert in bulk, without publish signals: start from an empty
            # cache so no page or menu of the previous scale is measured.
            caches["default"].clear()
            for module in modules:
                for name, url in module.pages():
                    results.append((label, size, name, url, *self.measure(url, repeat)))
        rows = self.table(results)
        self.stdout.write("\n".join(rows))
        if output:
            self.write_report(Path(output), rows, scale)

    def measure(self, url: str, repeat: int) -> tuple[int, float, int, float | None]:
        # One client asks a page 20 times a second: the search rate limit (60 a minute per
        # address) would answer 429 and the figure would be the refusal's, not the search's.
        with override_settings(SEARCH_RATE_LIMIT=f"{1_000_000}/60"):
            with override_settings(PAGE_CACHE_ENABLED=False):
                status, cpu_ms, query_count = self.measure_rendered(url, repeat)
            return status, cpu_ms, query_count, self.measure_cached(url, repeat)

    def measure_cached(self, url: str, repeat: int) -> float | None:
        """CPU ms of an anonymous request answered from the page cache; None when the page
        is not cached (search, APIs: excluded on purpose, see core/page_cache.py)."""
        client = Client()
        with override_settings(PAGE_CACHE_ENABLED=True):
            client.get(url)
            if client.get(url).get("X-Page-Cache") != "hit":
                return None
            timings = []
            for _ in range(repeat * 5):
                started = time.process_time()
                client.get(url)
                timings.append((time.process_time() - started) * 1000)
        return statistics.median(timings)

    def measure_rendered(self, url: str, repeat: int) -> tuple[int, float, int]:
        client = Client()
        response = client.get(url)
        if response.status_code != 200:
            raise CommandError(f"{url} answered {response.status_code}")
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        # Read now: the next request's request_started signal resets the query log.
        query_count = len(queries)
        timings = []
        for _ in range(repeat):
            started = time.process_time()
            status = client.get(url).status_code
            timings.append((time.process_time() - started) * 1000)
            if status != 200:  # a measured refusal or error would pass for a fast page
                raise CommandError(f"{url} answered {status} while measured")
        return response.status_code, statistics.median(timings), query_count

    def table(self, results) -> list[str]:
        rows = [
            "| page | url | data scale | CPU ms/request (median) | SQL queries "
            "| cached, CPU ms | within budget |",
            "|---|---|---|---|---|---|---|",
        ]
        queries_by_page: dict[str, set[int]] = {}
        over = []
        for _label, size, name, url, _status, cpu_ms, queries, cached_ms in results:
            cached = "-" if cached_ms is None else f"{cached_ms:.2f}"
            misses = [
                text
                for text, missed in (
                    (f"CPU > {BUDGET_CPU_MS} ms", cpu_ms > BUDGET_CPU_MS),
                    (f"queries > {BUDGET_QUERIES}", queries > BUDGET_QUERIES),
                    (
                        f"cached > {BUDGET_CACHED_MS} ms",
                        cached_ms is not None and cached_ms > BUDGET_CACHED_MS,
                    ),
                )
                if missed
            ]
            verdict = "yes" if not misses else "NO: " + ", ".join(misses)
            if misses:
                over.append(f"{name} ({size})")
            rows.append(
                f"| {name} | `{url}` | {size} | {cpu_ms:.1f} | {queries} | {cached} | {verdict} |"
            )
            queries_by_page.setdefault(name, set()).add(queries)
        growing = [name for name, counts in queries_by_page.items() if len(counts) > 1]
        rows.append("")
        rows.append(
            "Every page within budget."
            if not over
            else f"Over budget: {len(over)} of {len(results)} measurements."
        )
        rows.append(
            "Query counts constant across scales."
            if not growing
            else f"WARNING: query count grows with data on: {', '.join(growing)}"
        )
        return rows

    def write_report(self, path: Path, rows: list[str], scale: int) -> None:
        header = (
            f"Measured {datetime.date.today().isoformat()} on {platform.machine()}, "
            f"{os.cpu_count()} cores, Python {platform.python_version()}, "
            f"{connection.vendor}, scale {scale}."
        )
        block = "\n".join([BENCH_SECTION_START, header, "", *rows, BENCH_SECTION_END])
        text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n\n"
        if BENCH_SECTION_START in text:
            before = text.split(BENCH_SECTION_START)[0]
            after = text.split(BENCH_SECTION_END, 1)[1]
            text = before + block + after
        else:
            text = text.rstrip() + "\n\n## Public pages\n\n" + block + "\n"
        path.write_text(text, encoding="utf-8")
        self.stdout.write(f"Results written to {path}")
