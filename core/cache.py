"""A Redis cache that degrades to per-process memory while Redis does not answer.

Django's ``RedisCache`` raises on every call when Redis is down, and the cache sits under every
page (allauth's rate limits, sessions of later features, the page cache): one stopped Redis
would turn the whole site into 500s. This backend catches connection errors, logs once that
Redis is gone, serves from a per-process ``LocMemCache`` and tries Redis again every
``RETRY_AFTER`` seconds (one request pays that attempt, not all of them). When Redis answers
again it logs once more and first deletes from Redis every key this process wrote while it was
away, so no stale value written before the outage shadows a newer one.

What degrades, and is written in docs/deploy.md: values are per process (each gunicorn worker
has its own), so allauth's login rate limits still apply but count per worker (with 3 workers an
attacker gets at most 3x the attempts) until Redis is back.
"""

from __future__ import annotations

import logging
import threading
import time
from typing import Any

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache
from django.utils.translation import get_language
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

UNREACHABLE = (RedisConnectionError, RedisTimeoutError, OSError)
# Keys written while Redis was away, deleted from Redis when it is back; past this many the
# rest simply expire (cache timeouts are short) and a warning says so.
MAX_REMEMBERED_WRITES = 10_000


class _Outage:
    """Per-process state of one Redis location, shared by the per-thread cache instances."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.down_since: float | None = None
        self.retry_at = 0.0
        self.written: set[str] = set()
        self.overflowed = False


_OUTAGES: dict[str, _Outage] = {}
_OUTAGES_LOCK = threading.Lock()


def _outage_for(location: str) -> _Outage:
    with _OUTAGES_LOCK:
        return _OUTAGES.setdefault(location, _Outage())


class ResilientRedisCache(RedisCache):
    """``RedisCache`` that never raises because Redis is unreachable.

    Extra option (not passed to redis-py): ``RETRY_AFTER``, seconds between attempts to reach
    Redis again while it is down (default 30). Keep redis-py's ``socket_connect_timeout`` and
    ``socket_timeout`` short in ``OPTIONS``: that is what the one retrying request waits.
    """

    def __init__(self, server, params):
        params = dict(params)
        options = dict(params.get("OPTIONS") or {})
        self.retry_after = float(options.pop("RETRY_AFTER", 30))
        params["OPTIONS"] = options
        super().__init__(server, params)
        self._location = ",".join(self._servers)
        self._outage = _outage_for(self._location)
        # LocMemCache instances with the same name share their storage within the process.
        self._fallback = LocMemCache(
            f"redis-fallback:{self._location}",
            {
                "TIMEOUT": params.get("TIMEOUT", 300),
                "KEY_PREFIX": params.get("KEY_PREFIX", ""),
                "VERSION": params.get("VERSION", 1),
                "OPTIONS": {"MAX_ENTRIES": 5000},
            },
        )

    # --- health --------------------------------------------------------------------------------

    @property
    def degraded(self) -> bool:
        """True while this process serves from memory because Redis did not answer."""
        return self._outage.down_since is not None

    def ping(self) -> None:
        """Ask Redis itself (no fallback); raises when it does not answer. For /healthz."""
        self._cache.get_client(write=True).ping()

    def _use_redis(self) -> bool:
        outage = self._outage
        return outage.down_since is None or time.monotonic() >= outage.retry_at

    def _went_down(self, error: Exception) -> None:
        outage = self._outage
        with outage.lock:
            outage.retry_at = time.monotonic() + self.retry_after
            if outage.down_since is None:
                outage.down_since = time.monotonic()
                logger.warning(
                    "Redis cache unreachable at %s (%s): serving from per-process memory, "
                    "trying again every %g s",
                    self._location,
                    type(error).__name__,
                    self.retry_after,
                )

    def _came_back(self) -> None:
        outage = self._outage
        with outage.lock:
            if outage.down_since is None:
                return
            written, overflowed = outage.written, outage.overflowed
            outage.written, outage.overflowed = set(), False
            seconds = time.monotonic() - outage.down_since
            outage.down_since = None
        if written:
            try:
                self._cache.get_client(write=True).delete(*written)
            except UNREACHABLE as error:  # gone again at once
                self._went_down(error)
                return
        logger.warning(
            "Redis cache reachable again at %s after %.1f s; %d keys written meanwhile dropped "
            "from Redis%s",
            self._location,
            seconds,
            len(written),
            " (more were written: they expire with their timeout)" if overflowed else "",
        )

    def _remember_writes(self, keys) -> None:
        outage = self._outage
        with outage.lock:
            for key in keys:
                if len(outage.written) >= MAX_REMEMBERED_WRITES:
                    outage.overflowed = True
                    return
                outage.written.add(key)

    def _call(self, method: str, args: tuple, kwargs: dict, *, writes=None) -> Any:
        """Run ``method`` on Redis when it answers, on the in-memory fallback otherwise.

        ``writes`` lists the raw keys the call changes (made with ``make_and_validate_key``).
        """
        if self._use_redis():
            try:
                result = getattr(super(), method)(*args, **kwargs)
            except UNREACHABLE as error:
                self._went_down(error)
            else:
                if self._outage.down_since is not None:
                    self._came_back()
                return result
        if writes:
            self._remember_writes(writes)
        return getattr(self._fallback, method)(*args, **kwargs)

    def _keys(self, *keys, version=None) -> list[str]:
        return [self.make_and_validate_key(key, version=version) for key in keys]

    # --- the cache API -------------------------------------------------------------------------

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(
            "add", (key, value, timeout, version), {}, writes=self._keys(key, version=version)
        )

    def get(self, key, default=None, version=None):
        return self._call("get", (key, default, version), {})

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(
            "set", (key, value, timeout, version), {}, writes=self._keys(key, version=version)
        )

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(
            "touch", (key, timeout, version), {}, writes=self._keys(key, version=version)
        )

    def delete(self, key, version=None):
        return self._call("delete", (key, version), {}, writes=self._keys(key, version=version))

    def get_many(self, keys, version=None):
        return self._call("get_many", (keys, version), {})

    def has_key(self, key, version=None):
        return self._call("has_key", (key, version), {})

    def incr(self, key, delta=1, version=None):
        return self._call(
            "incr", (key, delta, version), {}, writes=self._keys(key, version=version)
        )

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(
            "set_many", (data, timeout, version), {}, writes=self._keys(*data, version=version)
        )

    def delete_many(self, keys, version=None):
        return self._call(
            "delete_many", (keys, version), {}, writes=self._keys(*keys, version=version)
        )

    def clear(self):
        return self._call("clear", (), {})


# --- The main navigation, cached per site and language -----------------------------------------

MENU_GENERATION_KEY = "menu:generation"
MENU_TIMEOUT = 60 * 60


def cached_menu(request, build) -> list[dict]:
    """The menu items ``build(request)`` returns, kept per host and language until a page is
    published, unpublished, moved or deleted (``invalidate_menu_cache``).

    Items must be plain data (titles and URLs), not pages: they are pickled into the cache.
    The key is the host, not the Wagtail Site, so a hit costs no query at all.
    """
    return cached_per_site(request, "menu", build)


def cached_per_site(request, name: str, build):
    """What ``build(request)`` returns, kept per host and language under ``name`` until the
    menu generation moves (a page published, unpublished, moved or deleted, the menu or the
    footer's settings saved). The value is pickled: plain data or a model instance."""
    cache = caches["default"]
    # "v2": entries carry the page id (core.navigation.chrome_title); older ones are ignored.
    key = f"{name}:v2:{request.get_host()}:{get_language() or settings.LANGUAGE_CODE}"
    stored = cache.get_many([MENU_GENERATION_KEY, key])
    generation = stored.get(MENU_GENERATION_KEY)
    if generation is None:
        generation = time.time_ns()
        cache.add(MENU_GENERATION_KEY, generation, timeout=None)
    entry = stored.get(key)
    if entry is not None and entry[0] == generation:
        return entry[1]
    value = build(request)
    cache.set(key, (generation, value), MENU_TIMEOUT)
    return value


def invalidate_menu_cache() -> None:
    # A fresh number rather than incr: it also works when the key was evicted meanwhile.
    caches["default"].set(MENU_GENERATION_KEY, time.time_ns(), timeout=None)
