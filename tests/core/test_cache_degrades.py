"""Redis down: pages and logins keep working on per-process memory, logged once.

Real sockets only: a closed port for "Redis unreachable", and a redis-server of the test's own
(started on a free port and stopped by its PID) for "Redis goes away and comes back".
"""

import logging
import shutil
import socket
import subprocess
import time

import pytest
import redis
from django.core.cache import caches
from django.core.cache.backends.redis import RedisSerializer
from django.test import override_settings

from core.cache import ResilientRedisCache


def free_port() -> int:
    """A port nobody listens on (bound, then released): connecting to it is refused."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def redis_cache(port: int, prefix: str, retry_after: float = 30) -> ResilientRedisCache:
    return ResilientRedisCache(
        f"redis://127.0.0.1:{port}/0",
        {
            "KEY_PREFIX": prefix,
            "OPTIONS": {
                "socket_connect_timeout": 0.5,
                "socket_timeout": 0.5,
                "RETRY_AFTER": retry_after,
            },
        },
    )


def closed_port_caches(port: int) -> dict:
    return {
        "default": {
            "BACKEND": "core.cache.ResilientRedisCache",
            "LOCATION": f"redis://127.0.0.1:{port}/0",
            "KEY_PREFIX": f"closed{port}",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }


def test_unreachable_redis_serves_from_memory_and_logs_once(caplog):
    cache = redis_cache(free_port(), "t1")
    caplog.set_level(logging.WARNING, logger="core.cache")
    started = time.monotonic()
    for i in range(50):
        cache.set(f"k{i}", i)
        assert cache.get(f"k{i}") == i
    assert cache.add("new", 1) is True
    assert cache.add("new", 2) is False
    assert cache.incr("new") == 2
    cache.delete("new")
    assert cache.get("new") is None
    assert cache.get_or_set("computed", lambda: "value") == "value"
    assert cache.degraded
    # One connection attempt was refused, then Redis was left alone until RETRY_AFTER.
    assert time.monotonic() - started < 2
    warnings = [r for r in caplog.records if r.name == "core.cache"]
    assert len(warnings) == 1
    assert "unreachable" in warnings[0].getMessage()


def test_ping_asks_redis_itself():
    from redis.exceptions import ConnectionError as RedisConnectionError

    cache = redis_cache(free_port(), "t2")
    cache.set("a", 1)  # answered by the fallback
    with pytest.raises(RedisConnectionError):
        cache.ping()


@pytest.fixture
def own_redis(tmp_path):
    """A redis-server of this test's own on a free port; ``stop()``/``start()`` by its PID."""
    binary = shutil.which("redis-server")
    if not binary:
        pytest.skip("redis-server is not installed (Debian package redis-server)")
    port = free_port()

    class Server:
        process = None

        def start(self):
            self.process = subprocess.Popen(  # noqa: S603 - our own binary and arguments
                [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", ""]
                + ["--appendonly", "no", "--dir", str(tmp_path)],
                stdout=subprocess.DEVNULL,
            )
            deadline = time.monotonic() + 5
            while time.monotonic() < deadline:
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                    return
                except OSError:
                    time.sleep(0.05)
            raise RuntimeError("redis-server did not start")

        def stop(self):
            self.process.terminate()
            self.process.wait(timeout=5)

    server = Server()
    server.port = port
    server.start()
    yield server
    if server.process.poll() is None:
        server.stop()


def test_redis_that_goes_away_and_comes_back(own_redis, caplog):
    caplog.set_level(logging.INFO, logger="core.cache")
    cache = redis_cache(own_redis.port, "t3", retry_after=0.2)
    cache.set("shared", "before")
    cache.set("untouched", "kept")
    assert not cache.degraded

    own_redis.stop()
    assert cache.get("shared") is None  # Redis gone: the fallback has nothing yet
    assert cache.degraded
    cache.set("shared", "during")  # a newer value, only in this process
    assert cache.get("shared") == "during"

    own_redis.start()  # it keeps nothing on disk: put back what it held before the outage
    raw = redis.Redis(port=own_redis.port)
    raw.set(cache.make_key("shared"), RedisSerializer().dumps("before"))
    raw.set(cache.make_key("untouched"), RedisSerializer().dumps("kept"))
    time.sleep(0.25)
    # The first call after RETRY_AFTER reaches Redis, and the key written during the outage
    # is dropped there instead of serving the value from before it.
    assert cache.get("untouched") == "kept"
    assert not cache.degraded
    assert cache.get("shared") is None
    messages = [r.getMessage() for r in caplog.records if r.name == "core.cache"]
    assert len(messages) == 2
    assert "unreachable" in messages[0]
    assert "reachable again" in messages[1] and "1 keys" in messages[1]


@pytest.mark.django_db
def test_pages_render_with_redis_unreachable(client, site_tree):
    with override_settings(CACHES=closed_port_caches(free_port())):
        assert client.get("/").status_code == 200
        assert client.get("/accounts/login/").status_code == 200
        assert caches["default"].degraded


@pytest.mark.django_db
def test_login_rate_limit_still_applies_per_process_with_redis_unreachable(
    client, member, site_tree
):
    """The decision in docs/deploy.md: limits keep counting, in each worker's memory."""
    with override_settings(CACHES=closed_port_caches(free_port())):
        for _ in range(5):
            response = client.post("/accounts/login/", {"login": member.email, "password": "wrong"})
            assert response.status_code == 200
        response = client.post(
            "/accounts/login/",
            {"login": member.email, "password": "a-long-test-password"},
            HTTP_ACCEPT_LANGUAGE="it",
        )
        assert "Troppi tentativi di accesso" in response.content.decode()
        assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_login_works_with_redis_unreachable(client, member, site_tree):
    with override_settings(CACHES=closed_port_caches(free_port())):
        response = client.post(
            "/accounts/login/", {"login": member.email, "password": "a-long-test-password"}
        )
        assert response.status_code == 302
        assert client.session["_auth_user_id"] == str(member.pk)
