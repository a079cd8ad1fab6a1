"""Per-IP rate limits for the search page and API, counted in the cache.

``SEARCH_RATE_LIMIT = "60/60"`` allows 60 requests per IP in each window of 60 seconds; past
that the answer is a 429 with ``Retry-After`` (seconds to the end of the window). The counter
lives in the cache (Redis in production): when the cache is unreachable, requests are allowed,
since searching matters more than limiting it.
"""

from __future__ import annotations

import logging
import time

from allauth.core.internal import httpkit
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured

logger = logging.getLogger(__name__)


def client_ip(request) -> str:
    """The client's address, by the same rule as the login limits: allauth's, which trusts
    ``ALLAUTH_TRUSTED_PROXY_COUNT`` proxies in X-Forwarded-For (or the header named by
    ``ALLAUTH_TRUSTED_CLIENT_IP_HEADER``) and REMOTE_ADDR otherwise."""
    try:
        return httpkit.get_client_ip(request) or "unknown"
    except ImproperlyConfigured:  # fewer X-Forwarded-For entries than trusted proxies
        return request.META.get("REMOTE_ADDR", "") or "unknown"


def limit() -> tuple[int, int]:
    requests, _slash, seconds = str(getattr(settings, "SEARCH_RATE_LIMIT", "60/60")).partition("/")
    return int(requests), int(seconds or 60)


def retry_after(request, scope: str = "search") -> int | None:
    """Count this request; the seconds to wait when over the limit, else None."""
    allowed, window = limit()
    now = time.time()
    start = int(now // window * window)
    key = f"ratelimit:{scope}:{client_ip(request)}:{start}"
    try:
        cache.add(key, 0, timeout=window + 5)
        count = cache.incr(key)
    except Exception:  # the cache is down: allow, and say so once in a while
        logger.warning("Search rate limit not applied: the cache is unreachable", exc_info=True)
        return None
    if count > allowed:
        return max(1, int(start + window - now + 0.999))
    return None
