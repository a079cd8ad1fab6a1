"""gunicorn settings for the site (deploy/systemd/commons-web.service; .ci/run uses it too).

Every value can be overridden from the environment file (deploy/commons.env). Logs go to
stdout as JSON lines (core/logging.py), which journald stores with the unit's name.
"""

import gc
import os
import sys
from pathlib import Path

# The project root, so that config.wsgi and core.logging import from any working directory.
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

wsgi_app = "config.wsgi:application"
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8001")
# Two per core is plenty for server-rendered pages; each worker stays under ~120 MB.
workers = int(os.environ.get("GUNICORN_WORKERS", "3"))
# gthread: a few threads per worker and kept-alive connections (nginx keeps its upstream
# connections open with ``keepalive`` in the upstream block, docs/deploy.md): a page from the
# page cache then costs no TCP handshake. GUNICORN_WORKER_CLASS=sync to go back.
worker_class = os.environ.get("GUNICORN_WORKER_CLASS", "gthread")
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = 30
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", "5"))
# Recycle workers now and then: a safety net, so a slow leak in any library never grows
# without bound (a recycled worker forks again from the preloaded master: a few ms, no import).
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "2000"))
max_requests_jitter = 200
# Load Django, Wagtail and every app once in the master, then fork: the workers share those
# pages of memory copy-on-write instead of each importing its own copy. Code changes then need
# a restart of the service (systemctl restart), not a HUP. GUNICORN_PRELOAD=off to opt out.
preload_app = os.environ.get("GUNICORN_PRELOAD", "on") == "on"


def pre_fork(server, worker):
    # Move everything the master has loaded out of the collector's reach: a collection in a
    # worker would otherwise write to (and so copy) every shared page it walks (gc.freeze docs).
    gc.freeze()


# Only nginx on this machine may say that a request came over HTTPS.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
# The client as nginx saw it (X-Forwarded-For), the request, status, bytes, milliseconds.
accesslog = "-" if os.environ.get("GUNICORN_ACCESS_LOG", "on") == "on" else None
access_log_format = '%({x-forwarded-for}i)s "%(r)s" %(s)s %(B)s %(M)sms'
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")

_formatter = "text" if os.environ.get("LOG_FORMAT") == "text" else "json"
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {"()": "core.logging.JsonFormatter"},
        "text": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": _formatter,
            "stream": "ext://sys.stdout",
        },
        "error_console": {
            "class": "logging.StreamHandler",
            "formatter": _formatter,
            "stream": "ext://sys.stdout",
        },
    },
    "loggers": {
        "gunicorn.error": {"level": "INFO", "handlers": ["error_console"], "propagate": False},
        "gunicorn.access": {"level": "INFO", "handlers": ["console"], "propagate": False},
    },
    "root": {"level": "INFO", "handlers": ["console"]},
}
