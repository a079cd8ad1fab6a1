"""Registration load run: many people register at once for one session through the engine.

Reports registrations per second, p50/p99 latency of ``register_for_session`` and the
overbooking check (confirmed never above capacity, waitlist positions 1..n). Uses the database
of the settings: run with ``DJANGO_SETTINGS_MODULE=config.settings.bench`` and
``BENCH_DATABASE_URL=postgres://...`` to measure PostgreSQL (``make bench`` does).

``--http`` runs the same load through the site: gunicorn with the deploy kit's config, each
person signed in (a session row, as after a login) and posting the registration form with a
CSRF token, ``--connections`` requests in flight at most; latency is then the whole request.
"""

import http.client
import os
import statistics
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, connections
from django.middleware.csrf import CSRF_SECRET_LENGTH
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import get_random_string

from core.indexing import schedule_update
from events import services
from events.models import Registration, Session
from members.models import Membership, Organisation, User


class Command(BaseCommand):
    help = "Measure concurrent registrations and check that a session is never overbooked."

    def add_arguments(self, parser):
        parser.add_argument("--people", type=int, default=200)
        parser.add_argument("--seats", type=int, default=20)
        parser.add_argument(
            "--connections",
            type=int,
            default=40,
            dest="max_connections",
            help="Most database connections (or, with --http, requests) at once.",
        )
        parser.add_argument("--http", action="store_true", help="Register through gunicorn.")
        parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (--http).")

    def handle(
        self,
        *args,
        people: int,
        seats: int,
        max_connections: int,
        http: bool,
        workers: int,
        **options,
    ):
        from core.demo import ensure_site_tree
        from exchange.models import ExchangeIndexPage, ExchangeOfferPage

        self.stdout.write(f"Database: {connection.vendor}")
        ensure_site_tree()
        run = int(time.time())
        organisation = Organisation.objects.create(
            kind="municipality", name=f"Comune del carico {run}", slug=f"carico-{run}"
        )
        offer = ExchangeOfferPage(
            title=f"Prova di carico {run}", slug=f"prova-di-carico-{run}", organisation=organisation
        )
        ExchangeIndexPage.objects.get().add_child(instance=offer)
        start = timezone.now() + timedelta(days=30)
        session = Session.objects.create(
            page=offer, starts_at=start, ends_at=start + timedelta(hours=8), capacity=seats
        )
        # In the index, as a published offer would be: registrations then update its free seats.
        schedule_update(offer)
        users = User.objects.bulk_create(
            User(email=f"load-{run}-{n}@example.org", full_name=f"Persona {n}")
            for n in range(people)
        )
        Membership.objects.bulk_create(
            Membership(user=user, organisation=organisation, status="confirmed") for user in users
        )
        connection.close()

        barrier = threading.Barrier(people)
        slots = threading.BoundedSemaphore(max_connections)
        latencies: list[float] = []
        errors: list[BaseException] = []

        def register(user):
            began = time.perf_counter()
            try:
                services.register_for_session(session.pk, user)
                latencies.append(time.perf_counter() - began)
            except BaseException as error:  # noqa: BLE001 - reported below
                errors.append(error)

        if http:
            elapsed = self.run_over_http(session, users, workers, barrier, slots, latencies, errors)
        else:
            elapsed = self.run_in_process(register, users, max_connections)
        connection.close()
        self.report(session, people, seats, max_connections, elapsed, latencies, errors)

    def run_in_process(self, register, users, max_connections: int) -> float:
        """``max_connections`` threads, each keeping its database connection as a gunicorn
        thread does (CONN_MAX_AGE), take the people in arrival order."""
        started = time.perf_counter()
        with ThreadPoolExecutor(max_workers=max_connections) as pool:
            list(pool.map(register, users))
            # Each worker thread closes its own connection: the barrier holds every worker
            # until all have taken one of these tasks.
            closing = threading.Barrier(max_connections)

            def close(_number):
                closing.wait()
                connections.close_all()

            list(pool.map(close, range(max_connections)))
        return time.perf_counter() - started

    def run_over_http(self, session, users, workers, barrier, slots, latencies, errors) -> float:
        """Each person posts the registration form to gunicorn, signed in by a session cookie."""
        from core.bench_http import Gunicorn

        path = reverse("events:register", args=[session.pk])
        cookies = {}
        for user in users:
            client = Client()
            client.force_login(user)
            secret = get_random_string(CSRF_SECRET_LENGTH)
            cookies[user.pk] = (
                f"{settings.SESSION_COOKIE_NAME}="
                f"{client.cookies[settings.SESSION_COOKIE_NAME].value}; "
                f"{settings.CSRF_COOKIE_NAME}={secret}",
                secret,
            )
        connection.close()

        def post(user, port):
            cookie, token = cookies[user.pk]
            barrier.wait()
            with slots:
                began = time.perf_counter()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
                try:
                    conn.request(
                        "POST",
                        path,
                        body="",
                        headers={
                            "Host": "localhost",
                            "Cookie": cookie,
                            "X-CSRFToken": token,
                            "Content-Type": "application/x-www-form-urlencoded",
                        },
                    )
                    response = conn.getresponse()
                    response.read()
                    if response.status == 302:
                        latencies.append(time.perf_counter() - began)
                    else:
                        errors.append(RuntimeError(f"HTTP {response.status}"))
                except OSError as error:
                    errors.append(error)
                finally:
                    conn.close()

        with Gunicorn(os.environ["DJANGO_SETTINGS_MODULE"], workers) as server:
            self.stdout.write(f"gunicorn: {workers} workers on port {server.port}")
            started = time.perf_counter()
            threads = [threading.Thread(target=post, args=(u, server.port)) for u in users]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            return time.perf_counter() - started

    def report(self, session, people, seats, max_connections, elapsed, latencies, errors):
        statuses = list(session.registrations.values_list("status", flat=True))
        confirmed = statuses.count(Registration.Status.CONFIRMED)
        positions = sorted(
            session.registrations.filter(status="waitlisted").values_list(
                "waitlist_position", flat=True
            )
        )
        ordered = sorted(latencies)
        p50 = statistics.median(ordered) * 1000 if ordered else 0
        p99 = ordered[max(int(len(ordered) * 0.99) - 1, 0)] * 1000 if ordered else 0
        self.stdout.write(
            f"{people} people, {seats} seats, {max_connections} connections at most: "
            f"{len(latencies) / elapsed:.0f} registrations/s, p50 {p50:.1f} ms, p99 {p99:.1f} ms"
        )
        ok = (
            not errors
            and confirmed == min(seats, people)
            and positions == list(range(1, people - min(seats, people) + 1))
        )
        self.stdout.write(
            f"Confirmed {confirmed}, waitlisted {len(positions)}, errors {len(errors)}: "
            + ("no overbooking" if ok else "OVERBOOKING OR ERRORS")
        )
        for error in errors[:3]:
            self.stdout.write(f"  error: {error!r}")
        if not ok:
            raise CommandError("Registration load run failed the overbooking check.")
