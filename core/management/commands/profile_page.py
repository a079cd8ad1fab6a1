"""Where the CPU of one public page goes: the median CPU ms of N anonymous requests (page cache
off, in process, as ``manage.py bench`` measures it) and, with ``--profile``, a cProfile of
those requests sorted by own time. Runs on the bench database as ``make bench`` left it (it
generates nothing and flushes nothing), so a change can be measured before and after:

    DJANGO_SETTINGS_MODULE=config.settings.bench .venv/bin/python manage.py profile_page / \\
        /buone-pratiche/ --repeat 20 --profile
"""

from __future__ import annotations

import cProfile
import io
import os
import pstats
import statistics
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext


class Command(BaseCommand):
    help = "Median CPU ms and SQL queries of public pages, optionally with a cProfile."

    def add_arguments(self, parser):
        parser.add_argument("urls", nargs="+", help="Paths to request, e.g. / /buone-pratiche/")
        parser.add_argument("--repeat", type=int, default=20, help="Requests measured per page.")
        parser.add_argument("--profile", action="store_true", help="Print a cProfile too.")
        parser.add_argument("--lines", type=int, default=30, help="Lines of the profile.")
        parser.add_argument(
            "--sort", default="tottime", help="pstats order: tottime, cumulative, ..."
        )

    def handle(self, *args, urls, repeat: int, profile: bool, lines: int, sort: str, **options):
        if "bench" not in settings.SETTINGS_MODULE and not os.environ.get("BENCH_FORCE"):
            raise CommandError("Run with DJANGO_SETTINGS_MODULE=config.settings.bench.")
        request_started.disconnect(close_old_connections)
        request_finished.disconnect(close_old_connections)
        load = os.getloadavg()
        self.stdout.write(f"load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
        # As manage.py bench: no search rate limit (60 a minute) for a measuring client.
        with override_settings(PAGE_CACHE_ENABLED=False, SEARCH_RATE_LIMIT=f"{1_000_000}/60"):
            for url in urls:
                self.measure(url, repeat, profile, lines, sort)

    def measure(self, url: str, repeat: int, profile: bool, lines: int, sort: str) -> None:
        client = Client()
        response = client.get(url)
        if response.status_code != 200:
            raise CommandError(f"{url} answered {response.status_code}")
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        query_count = len(queries)
        timings = []
        for _ in range(repeat):
            started = time.process_time()
            status = client.get(url).status_code
            timings.append((time.process_time() - started) * 1000)
            if status != 200:
                raise CommandError(f"{url} answered {status} while measured")
        self.stdout.write(
            f"{url}: median {statistics.median(timings):.2f} ms CPU, min {min(timings):.2f}, "
            f"{query_count} queries ({repeat} requests)"
        )
        if profile:
            profiler = cProfile.Profile()
            profiler.enable()
            for _ in range(repeat):
                client.get(url)
            profiler.disable()
            out = io.StringIO()
            stats = pstats.Stats(profiler, stream=out)
            stats.strip_dirs().sort_stats(sort).print_stats(lines)
            self.stdout.write(out.getvalue())
