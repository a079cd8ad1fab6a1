"""Benchmarks: a separate database (var/bench.sqlite3 unless BENCH_DATABASE_URL is set),
production-like flags (DEBUG off, cached templates), in-memory e-mail."""

import os

import dj_database_url

from .test import *  # noqa: F403
from .test import VAR_DIR, env_bool

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("BENCH_DATABASE_URL", f"sqlite:///{VAR_DIR / 'bench.sqlite3'}")
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 30,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }

# As in production: index updates leave after the commit (the test settings run them at once).
INDEX_UPDATES_AFTER_COMMIT = True
PAGE_CACHE_ENABLED = env_bool("PAGE_CACHE", False)  # bench_http serves with it on

# As in production: e-mails are tasks in the database queue (django-tasks-db), sent by the
# worker, not inside the request (TASKS_BACKEND chooses another backend).
TASKS = {
    "default": {
        "BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}
