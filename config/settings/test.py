"""Test suite: fast hashing, in-memory e-mail, same database choice as base (DATABASE_URL)."""

from .base import *  # noqa: F403
from .base import VAR_DIR

DEBUG = False
SECRET_KEY = "test-only-insecure-key-not-for-production-use-0123456789abcdef"
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_ROOT = VAR_DIR / "test-media"
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
WAGTAILADMIN_BASE_URL = "http://testserver"
# The suite runs on the database engine; tests/search/test_elasticsearch.py drives Elasticsearch
# itself when ELASTICSEARCH_URL is set.
SEARCH_ENGINE = "database"
# A test's transaction never commits: core.indexing runs index updates at once instead of after
# the commit (tests/core/test_indexing.py turns this back on to check the after-commit path).
INDEX_UPDATES_AFTER_COMMIT = False

(VAR_DIR / "static").mkdir(parents=True, exist_ok=True)

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # A file, not Django's in-memory default, so that threads of the concurrency tests share the
    # test database. Each worktree/checkout has its own VAR_DIR; pytest-xdist workers get a
    # suffix from pytest-django.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test.sqlite3")}  # noqa: F405

# A test-only page type owned by an organisation, to exercise the editorial permissions.
INSTALLED_APPS = [*INSTALLED_APPS, "tests.ownedpages"]  # noqa: F405
PAGE_CACHE_ENABLED = False  # tests/core/test_page_cache.py turns it on
