"""Production: everything from the environment, HTTPS enforced. See docs/deploy.md."""

import os
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import LOGGING, SITE_URL, env_bool, env_list, require_secret_key

require_secret_key()

if not os.environ.get("SITE_URL") or urlsplit(SITE_URL).scheme != "https":
    raise ImproperlyConfigured(
        "Set SITE_URL to the public https address, e.g. https://scambi.example.org"
    )

# The public host is allowed by default; list more (comma-separated) only if the site has them.
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", urlsplit(SITE_URL).hostname)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
# Probes from the machine itself (systemd, monitoring) ask http://127.0.0.1:8001/healthz.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
# Every cookie the site sets is Secure: session, CSRF, language, messages (session settings).
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https"
# Behind the deploy kit's nginx (one proxy, it appends the client to X-Forwarded-For).
ALLAUTH_TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "1"))
# Wagtail's page preview shows the site inside an iframe of the admin (same origin), so frames
# are allowed from the same origin only (X_FRAME_OPTIONS = "SAMEORIGIN" in base.py).
SILENCED_SYSTEM_CHECKS = ["security.W019"]

# E-mails and other side effects wait in the database queue for the worker (`manage.py
# db_worker`, deploy/systemd/commons-worker.service): no request sends mail or waits on SMTP.
TASKS = {
    "default": {
        "BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}

# Logs: JSON lines on stdout unless LOG_FORMAT=text (journald keeps either).
LOG_FORMAT = os.environ.get("LOG_FORMAT", "json")
LOGGING["handlers"]["console"]["formatter"] = "text" if LOG_FORMAT == "text" else "json"

if os.environ.get("MEDIA_S3_BUCKET"):
    # Optional S3-compatible media storage (django-storages), only when configured.
    STORAGES["default"] = {  # noqa: F405
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ["MEDIA_S3_BUCKET"],
            "endpoint_url": os.environ.get("MEDIA_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("MEDIA_S3_REGION") or None,
            "default_acl": None,
            "querystring_auth": True,
        },
    }

SENTRY_DSN = os.environ.get("SENTRY_DSN", "")
if SENTRY_DSN:
    # Optional error reporting. No personal data is sent (send_default_pii off): no cookies,
    # no user e-mail, no IP address; only the error, the stack and the request path.
    import sentry_sdk
    from sentry_sdk.integrations.django import DjangoIntegration

    sentry_sdk.init(
        dsn=SENTRY_DSN,
        environment=os.environ.get("SENTRY_ENVIRONMENT", "production"),
        release=os.environ.get("SENTRY_RELEASE") or None,
        integrations=[DjangoIntegration()],
        send_default_pii=False,
        traces_sample_rate=float(os.environ.get("SENTRY_TRACES_SAMPLE_RATE", "0")),
    )
