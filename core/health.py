"""/healthz: is this process able to serve? For the proxy, systemd and monitoring.

JSON, no session, no cookie, never cached. 200 when the database and the cache answer, 503 with
the name of what failed otherwise. The cache check asks Redis itself, not the in-memory fallback
that keeps pages up meanwhile (core/cache.py): a 503 for the cache means "degraded", so that
monitoring calls someone, while the pages still answer.
"""

import uuid

from django.core.cache import caches
from django.db import connections
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe


def check_database() -> None:
    with connections["default"].cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def check_cache() -> None:
    cache = caches["default"]
    if hasattr(cache, "ping"):  # core.cache.ResilientRedisCache: ask Redis, not the fallback
        cache.ping()
        return
    key = f"healthz:{uuid.uuid4().hex}"
    cache.set(key, "ok", 10)
    if cache.get(key) != "ok":
        raise RuntimeError("the cache did not return what was written")
    cache.delete(key)


CHECKS = {"database": check_database, "cache": check_cache}


def run_checks() -> dict[str, str]:
    results = {}
    for name, check in CHECKS.items():
        try:
            check()
        except Exception as error:  # noqa: BLE001 - any failure is the answer, not a 500
            results[name] = f"failed: {type(error).__name__}"
        else:
            results[name] = "ok"
    return results


@never_cache
@require_safe
def healthz(request: HttpRequest) -> JsonResponse:
    checks = run_checks()
    healthy = all(result == "ok" for result in checks.values())
    response = JsonResponse(
        {"status": "ok" if healthy else "failed", "checks": checks},
        status=200 if healthy else 503,
    )
    # A 503 here is an answer, not a server error: without this Django logs every poll of a
    # monitor at ERROR level while Redis is down. The failure itself is logged where it happens
    # (once, core/cache.py) and is in the body.
    response._has_been_logged = True
    return response


# core.sites.CachedSiteMiddleware: the health check reads no Site (it answers without a database).
healthz.needs_no_site = True
