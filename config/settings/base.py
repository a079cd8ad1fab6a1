"""Settings shared by every environment.

This module is safe for production as it stands: DEBUG is off and every secret comes from the
environment. ``dev``, ``test`` and ``production`` are thin overrides.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("VAR_DIR", BASE_DIR / "var"))


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # Our apps first, so their templates override the libraries' ones.
    "core",
    "members",
    "practices",
    "exchange",
    "events",
    "communities",
    "search",
    "csp",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.routable_page",
    "wagtail.api.v2",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "rest_framework",
    "django_htmx",
    "django_tasks_db",
    "allauth",
    "allauth.account",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    # First: a page from the anonymous page cache is answered before any other middleware runs
    # (it stores the final headers; it sees every cookie set below it). core/page_cache.py.
    "core.page_cache.AnonymousPageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "core.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "core.sites.CachedSiteMiddleware",  # Wagtail's Site kept per host (issue 17)
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "config.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "core.context_processors.site_navigation",
            ],
        },
    },
]

WSGI_APPLICATION = "config.wsgi.application"

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite serialises writers; a busy timeout plus IMMEDIATE transactions makes concurrent
    # registrations wait for the write lock instead of failing with "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 30,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # A database that does not answer fails the request (and /healthz) in seconds, instead of
    # holding a gunicorn worker until its timeout.
    DATABASES["default"].setdefault("OPTIONS", {})["connect_timeout"] = int(
        os.environ.get("DATABASE_CONNECT_TIMEOUT", "5")
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "members.User"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]

# --- Languages: Italian first, English second -------------------------------------------------
LANGUAGE_CODE = "it"
LANGUAGES = [("it", _("Italiano")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
LANGUAGE_COOKIE_NAME = "language"
TIME_ZONE = "Europe/Rome"
USE_I18N = True
USE_TZ = True

# --- Static files and media -------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
# ``assets/`` holds what ``make assets`` copies out of node_modules (Bootstrap Italia, htmx).
STATICFILES_DIRS = [BASE_DIR / "static", BASE_DIR / "assets"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Uploads larger than this are refused before they reach a view (see core.middleware notes in
# docs/architecture.md); forms add their own, smaller limits per field.
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
# Renditions decode the whole image in a worker's memory (about 4 bytes a pixel): 25 megapixels
# (a 6000 x 4000 photo) is the most a worker can afford; Wagtail's default is 128.
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 25_000_000
# Our image form: the same checks, with messages that say what to do (core/image_forms.py).
WAGTAILIMAGES_IMAGE_FORM_BASE = "core.image_forms.SiteImageForm"
WAGTAILDOCS_EXTENSIONS = ["pdf", "odt", "docx", "xlsx", "csv", "ods"]
# Documents are checked by content, not only by extension (practices/documents.py).
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILDOCS_DOCUMENT_FORM_BASE = "practices.documents.CheckedDocumentForm"
# Every download goes through Wagtail's serve view, where members.wagtail_hooks checks that the
# person may see the document (an upload stays private until a live page uses it); nginx never
# serves media/documents/ itself. Only PDFs open in the browser: anything else, an SVG or HTML
# file above all, is an attachment, so it cannot run as a page of the site.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_INLINE_CONTENT_TYPES = ["application/pdf"]

# --- Cache: Redis when REDIS_URL is set, process memory otherwise ------------------------------
# Redis down never takes the site down: core.cache.ResilientRedisCache serves from per-process
# memory meanwhile (logged once) and tries Redis again every RETRY_AFTER seconds.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "core.cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "commons",
            "OPTIONS": {
                "socket_connect_timeout": 0.5,
                "socket_timeout": 1.0,
                "RETRY_AFTER": int(os.environ.get("REDIS_RETRY_AFTER", "30")),
            },
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# --- Full-page cache for anonymous visitors (core/page_cache.py, docs/benchmarks.md) ------------
# On where the cache is shared by every worker (Redis); with per-process memory a publish in one
# worker would not reach the others, so it is off unless asked for (dev: PAGE_CACHE=on).
PAGE_CACHE_ENABLED = env_bool("PAGE_CACHE", bool(REDIS_URL))
PAGE_CACHE_ALIAS = "default"
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "600"))
# What a reverse proxy or CDN may keep (s-maxage); it cannot be told about a publish.
PAGE_CACHE_PROXY_SECONDS = int(os.environ.get("PAGE_CACHE_PROXY_SECONDS", "30"))
# Besides HTML pages: the sitemap and the public calendar feed (``/eventi/eventi.ics``), which
# change with the pages (a person's private feed, another .ics address, is never kept).
PAGE_CACHE_PUBLIC_FILES = ("/sitemap.xml", "/eventi/eventi.ics")
PAGE_CACHE_EXCLUDED_PREFIXES = (
    "/static/",
    "/media/",
    "/admin/",
    "/django-admin/",
    "/accounts/",
    "/api/",
    "/search/",
    "/documents/",
    "/i18n/",
    "/lingua/",
    "/jsi18n/",
    "/healthz",
)
# Rows shown on public pages outside page revisions: saving or deleting one stales the cache.
# (Publishing, unpublishing, moving and deleting pages always do.)
PAGE_CACHE_INVALIDATING_MODELS = [
    "events.Registration",
    "events.Session",
    "members.Organisation",
    "members.Membership",
    "practices.Adoption",
    # A transfer's values and the shared catalogue show on sheets and comparison pages.
    "practices.TransferValue",
    "practices.SharedIndicator",
    # A community page shows its members, discussions and meetings' figures.
    "communities.CommunityMembership",
    "communities.Topic",
    "communities.Post",
]

# --- E-mail -----------------------------------------------------------------------------------
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
EMAIL_TIMEOUT = 20
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Scambi tra Comuni <noreply@localhost>")

# --- Tasks (Django's tasks framework, django_tasks): every engine e-mail is a task enqueued
# after the commit (events/tasks.py). The immediate backend runs it at once (dev: the console
# shows it without a second command); production uses the database backend of django-tasks-db
# (config/settings/production.py; worker `manage.py db_worker`, commons-worker.service).
TASKS = {
    "default": {
        "BACKEND": os.environ.get(
            "TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend"
        )
    }
}
# How long (milliseconds) an engine use case waits for a locked session on PostgreSQL before
# answering "busy, try again in a moment" (events/services.py).
ENGINE_LOCK_TIMEOUT_MS = int(os.environ.get("ENGINE_LOCK_TIMEOUT_MS", "5000"))
SERVER_EMAIL = os.environ.get("SERVER_EMAIL", DEFAULT_FROM_EMAIL)

# --- Accounts (django-allauth) ----------------------------------------------------------------
LOGIN_URL = "account_login"
# One login: Wagtail's admin and private pages send people to allauth too (config/urls.py
# redirects the old admin login forms), so verification, lockout and rate limits apply.
WAGTAILADMIN_LOGIN_URL = "/accounts/login/"
WAGTAIL_FRONTEND_LOGIN_URL = "/accounts/login/"
LOGIN_REDIRECT_URL = "/"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = False
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SIGNUP_FORM_CLASS = "members.forms.SignupForm"
ACCOUNT_ADAPTER = "members.adapters.AccountAdapter"
ACCOUNT_PREVENT_ENUMERATION = True
# Failed logins: 5 per 5 minutes per account, 20 a minute per IP address. The 429 page says so.
ACCOUNT_RATE_LIMITS = {
    "login_failed": "20/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "confirm_email": "1/3m/key",
}
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Scambi tra Comuni] "
# The client address that rate limits count: behind the deploy kit's nginx, the last entry of
# X-Forwarded-For (one trusted proxy; production.py defaults to 1). Or name a header that a
# trusted proxy sets (e.g. X-Real-IP). With neither, REMOTE_ADDR: every client would be nginx.
ALLAUTH_TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
ALLAUTH_TRUSTED_CLIENT_IP_HEADER = os.environ.get("TRUSTED_CLIENT_IP_HEADER") or None

# --- Wagtail ----------------------------------------------------------------------------------
WAGTAIL_SITE_NAME = "Scambi tra Comuni"
# The public address: e-mails, calendars and the admin build links on it, and
# ``manage.py configure_site`` gives it to the Wagtail Site (API and open-data links).
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
WAGTAILADMIN_BASE_URL = SITE_URL
WAGTAIL_I18N_ENABLED = False
WAGTAIL_ALLOW_UNICODE_SLUGS = False
# --- Search (search/, docs/search-api.md): the database engine by default; a cluster when
# ELASTICSEARCH_URL or OPENSEARCH_URL is set (the database still answers when it cannot).
ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "")
OPENSEARCH_URL = os.environ.get("OPENSEARCH_URL", "")
ELASTICSEARCH_INDEX = os.environ.get("ELASTICSEARCH_INDEX", "commons-search")
SEARCH_CLUSTER_INDEX = os.environ.get("SEARCH_CLUSTER_INDEX", ELASTICSEARCH_INDEX)
SEARCH_ENGINE = os.environ.get(
    "SEARCH_ENGINE",
    "elasticsearch" if ELASTICSEARCH_URL else "opensearch" if OPENSEARCH_URL else "database",
)
SEARCH_CLUSTER_TIMEOUT = float(os.environ.get("SEARCH_CLUSTER_TIMEOUT", "2"))
SEARCH_CLUSTER_RETRY_AFTER = float(os.environ.get("SEARCH_CLUSTER_RETRY_AFTER", "30"))
SEARCH_RATE_LIMIT = os.environ.get("SEARCH_RATE_LIMIT", "60/60")  # requests / seconds, per IP

WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
WAGTAIL_CONTENT_LANGUAGES = [("it", "Italiano")]
WAGTAILEMBEDS_RESPONSIVE_HTML = True
WAGTAIL_PASSWORD_RESET_ENABLED = False
# The admin asks no third party: no Gravatar (it would send a hash of each editor's e-mail on
# every admin page; Wagtail shows its default avatar) and no release check from the browser
# (docs/deploy.md says how upgrades are followed). The CSP would block both anyway.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAILAPI_BASE_URL = SITE_URL
WAGTAILAPI_LIMIT_MAX = 100

# Security headers, Content-Security-Policy and logging (config/settings/security.py).
from .security import *  # noqa: E402, F403


def require_secret_key() -> None:
    """Production refuses to start without a real secret; dev and test set their own."""
    if not SECRET_KEY or len(SECRET_KEY) < 50:
        raise ImproperlyConfigured("Set SECRET_KEY (at least 50 random characters).")
