"""Full-page cache for anonymous visitors, and the headers a reverse proxy needs.

An anonymous GET of a public HTML page is the same for everyone who asks in the same language,
so the rendered response is kept in the cache (Redis in production) and served without routing,
queries or templates. What is never cached, whatever the page:
- anyone who may be signed in or have pending messages: a session or messages cookie;
- anything but a GET, htmx partial requests, the paths in ``PAGE_CACHE_EXCLUDED_PREFIXES``
  (admin, accounts, search, APIs, documents, the language switch);
- a response that is not HTML, except the public files of ``PAGE_CACHE_PUBLIC_FILES`` (the
  sitemap, the public calendar feed), which change with the pages as HTML does;
- a response that sets a cookie (a form that rendered a CSRF token sets ``csrftoken``), says
  ``private``/``no-cache``/``no-store`` itself, or is not a 200.

Invalidation is one generation number: publishing, unpublishing, moving or deleting a page and
saving or deleting a row of ``PAGE_CACHE_INVALIDATING_MODELS`` (registrations and sessions: the
free seats a page shows) bump it, so every cached page is stale at once. It is read with the
page in one ``get_many`` round trip. While Redis is unreachable the cache is per process, and
another worker would not see a bump, so the page cache then stands aside (pages are rendered).

Headers: cacheable responses say ``Cache-Control: public, max-age=0, s-maxage=N`` (a proxy
may keep them N seconds, a browser revalidates) and every response varies on ``Cookie``, so a
proxy never hands an anonymous copy to a signed-in person. Others say ``private``.
"""

from __future__ import annotations

import hashlib
import logging
import time
from collections.abc import Callable

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.cache import patch_cache_control, patch_vary_headers

logger = logging.getLogger(__name__)

GENERATION_KEY = "page-cache:generation"
# The middleware is the first of the stack: a hit is answered before any other middleware runs,
# so the stored headers are the final ones (security, CSP, language, Vary), cookies excepted.
_NOT_STORED = {"set-cookie", "x-page-cache"}


def _cache():
    return caches[settings.PAGE_CACHE_ALIAS]


def _usable(cache) -> bool:
    # ResilientRedisCache serving from per-process memory: a bump in one worker would not
    # reach the others, so no page may be served from there.
    return not getattr(cache, "degraded", False)


def invalidate_page_cache(**_kwargs) -> None:
    """Make every cached page stale, now and again when the current transaction commits
    (so a request that read the old rows meanwhile cannot store them for good)."""
    _bump()
    transaction.on_commit(_bump)


def _bump() -> None:
    # A fresh number rather than incr: it also works when the key was evicted meanwhile.
    _cache().set(GENERATION_KEY, time.time_ns(), timeout=None)


def _key(request: HttpRequest) -> str:
    raw = "|".join(
        (
            request.scheme,
            request.get_host(),
            request.get_full_path(),
            _language(request),
        )
    )
    return "page-cache:" + hashlib.sha256(raw.encode()).hexdigest()


def _language(request: HttpRequest) -> str:
    # What LocaleMiddleware (further down the stack) will choose: the cookie, else the
    # browser's Accept-Language, else LANGUAGE_CODE. URLs carry no language prefix.
    language = getattr(request, "LANGUAGE_CODE", None)
    return language or translation.get_language_from_request(request)


def _request_is_cacheable(request: HttpRequest) -> bool:
    if request.method != "GET" or request.headers.get("HX-Request"):
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES or "messages" in request.COOKIES:
        return False
    return not request.path_info.startswith(tuple(settings.PAGE_CACHE_EXCLUDED_PREFIXES))


def _response_is_cacheable(request: HttpRequest, response: HttpResponse) -> bool:
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    public_file = request.path_info in getattr(settings, "PAGE_CACHE_PUBLIC_FILES", ())
    if not public_file and not response.get("Content-Type", "").startswith("text/html"):
        return False
    cache_control = response.get("Cache-Control", "").lower()
    return not any(word in cache_control for word in ("private", "no-cache", "no-store"))


class AnonymousPageCacheMiddleware:
    """Serve and store anonymous pages. First in ``MIDDLEWARE``: a hit costs no other
    middleware (it finds the language as LocaleMiddleware will), and on the way out it sees
    the final response, every cookie the others set included."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not settings.PAGE_CACHE_ENABLED or not _request_is_cacheable(request):
            return self._private(self.get_response(request))
        cache = _cache()
        key = _key(request)
        stored = cache.get_many([GENERATION_KEY, key])
        generation = stored.get(GENERATION_KEY)
        if generation is None:
            generation = time.time_ns()
            _cache().add(GENERATION_KEY, generation, timeout=None)
        entry = stored.get(key)
        if entry is not None and entry[0] == generation and _usable(cache):
            return self._replay(entry)
        response = self.get_response(request)
        if not _response_is_cacheable(request, response):
            return self._private(response)
        self._public(response)
        if _usable(cache):
            headers = [
                (name, value) for name, value in response.items() if name.lower() not in _NOT_STORED
            ]
            cache.set(
                key,
                (generation, response.status_code, headers, response.content),
                settings.PAGE_CACHE_SECONDS,
            )
        return response

    def _replay(self, entry) -> HttpResponse:
        _generation, status, headers, content = entry
        response = HttpResponse(content, status=status)
        for name, value in headers:
            response[name] = value
        response["X-Page-Cache"] = "hit"
        patch_vary_headers(response, ["Cookie"])
        return response

    @staticmethod
    def _public(response: HttpResponse) -> None:
        patch_cache_control(
            response, public=True, max_age=0, s_maxage=settings.PAGE_CACHE_PROXY_SECONDS
        )
        patch_vary_headers(response, ["Cookie"])

    @staticmethod
    def _private(response: HttpResponse) -> HttpResponse:
        # Views that chose their own caching (public feeds, files) keep it.
        if "Cache-Control" not in response:
            patch_cache_control(response, private=True)
        patch_vary_headers(response, ["Cookie"])
        return response
