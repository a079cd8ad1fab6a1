"""The site over HTTP under gunicorn (deploy/gunicorn.conf.py): requests per second for a page
served from the anonymous page cache and rendered, and worker memory after load, with and
without preloading the app in the master. Runs on the bench database as ``make bench`` left it
(pages at full scale, the 50,000-document search index); writes a dated block to the report."""

from __future__ import annotations

import datetime
import os
import platform
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.urls import reverse

from core.bench_http import Gunicorn, request, throughput

SECTION_START = "<!-- bench:http:start -->"
SECTION_END = "<!-- bench:http:end -->"
# Budgets from the design (docs/benchmarks.md): checked here, not by timed tests.
MIN_CACHED_RPS = 3000
MAX_WORKER_MB = 120


class Command(BaseCommand):
    help = "Measure requests/s through gunicorn (cached and rendered) and worker memory."

    def add_arguments(self, parser):
        parser.add_argument("--seconds", type=float, default=5, help="Load time per figure.")
        parser.add_argument("--workers", type=int, default=2)
        parser.add_argument("--path", default="/", help="The page to load.")
        parser.add_argument("--output", default="", help="Markdown file to update.")

    def handle(self, *args, seconds: float, workers: int, path: str, output: str, **options):
        if "bench" not in settings.SETTINGS_MODULE and not os.environ.get("BENCH_FORCE"):
            raise CommandError("Run with DJANGO_SETTINGS_MODULE=config.settings.bench.")
        module = settings.SETTINGS_MODULE
        search_url = reverse("search") + "?q=patti+scuola&theme=scuole"
        figures: dict[str, str] = {}
        memory: dict[str, list[tuple[float, float]]] = {}
        for label, env in (
            ("cached", {"PAGE_CACHE": "on", "GUNICORN_PRELOAD": "on"}),
            ("rendered", {"PAGE_CACHE": "off", "GUNICORN_PRELOAD": "on"}),
            ("no preload", {"PAGE_CACHE": "on", "GUNICORN_PRELOAD": "off"}),
        ):
            with Gunicorn(module, workers, env) as server:
                status, body = request(server.port, path)
                if status != 200:
                    raise CommandError(f"{path} answered {status} under gunicorn")
                if label != "no preload":
                    rps, failures = throughput(server.port, path, seconds=seconds)
                    figures[label] = f"{rps:,.0f} requests/s ({failures} failed)"
                    self.stdout.write(f"{label} {path}: {figures[label]}")
                # Load every worker as traffic would: pages and searches (the bitmaps).
                for _ in range(10 * workers):
                    request(server.port, search_url)
                    request(server.port, path)
                memory[label] = server.worker_memory()
                self.stdout.write(f"{label}: workers {self._mb(memory[label])}")
        rows = self.rows(path, figures, memory)
        self.stdout.write("\n".join(rows))
        if output:
            self.write_report(Path(output), rows, workers)

    @staticmethod
    def _mb(workers: list[tuple[float, float]]) -> str:
        return ", ".join(f"RSS {rss:.0f} MB / PSS {pss:.0f} MB" for rss, pss in workers)

    def rows(self, path, figures, memory) -> list[str]:
        preloaded = memory["cached"]
        worst_pss = max(pss for _rss, pss in preloaded)
        cached_rps = float(figures["cached"].split()[0].replace(",", ""))
        return [
            "| figure | measured | budget |",
            "|---|---|---|",
            f"| `{path}` from the page cache | {figures['cached']} | >= {MIN_CACHED_RPS:,} "
            f"{'ok' if cached_rps >= MIN_CACHED_RPS else 'OVER'} |",
            f"| `{path}` rendered (page cache off) | {figures['rendered']} | |",
            f"| worker memory after load, preload + gc.freeze | {self._mb(preloaded)} "
            f"| PSS <= {MAX_WORKER_MB} MB {'ok' if worst_pss <= MAX_WORKER_MB else 'OVER'} |",
            f"| worker memory after load, no preload | {self._mb(memory['no preload'])} | |",
        ]

    def write_report(self, path: Path, rows: list[str], workers: int) -> None:
        header = (
            f"Measured {datetime.date.today().isoformat()} on {platform.machine()}, "
            f"{os.cpu_count()} cores (load {os.getloadavg()[0]:.1f}), {connection.vendor}, "
            f"gunicorn with {workers} sync workers (deploy/gunicorn.conf.py), per-worker "
            "local-memory cache, a Python client of 2 processes x 4 threads, a connection "
            "per request."
        )
        block = "\n".join([SECTION_START, header, "", *rows, SECTION_END])
        text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n\n"
        if SECTION_START in text:
            before = text.split(SECTION_START)[0]
            after = text.split(SECTION_END, 1)[1]
            text = before + block + after
        else:
            text = text.rstrip() + "\n\n## Over HTTP, and memory\n\n" + block + "\n"
        path.write_text(text, encoding="utf-8")
        self.stdout.write(f"Results written to {path}")
