"""/healthz: JSON, no session and no cookie; 200 when database and cache answer, 503 otherwise."""

import socket

import pytest
from django.test import override_settings


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.django_db
def test_healthy(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"status": "ok", "checks": {"database": "ok", "cache": "ok"}}
    assert "no-cache" in response["Cache-Control"]
    assert not response.cookies
    assert "sessionid" not in client.cookies


@pytest.mark.django_db
def test_no_cookie_even_for_a_signed_in_browser(client, member):
    client.force_login(member)
    response = client.get("/healthz")
    assert response.status_code == 200
    assert not response.cookies


@pytest.mark.django_db
def test_redis_unreachable_is_a_503_that_names_the_cache(client):
    caches = {
        "default": {
            "BACKEND": "core.cache.ResilientRedisCache",
            "LOCATION": f"redis://127.0.0.1:{closed_port()}/0",
            "OPTIONS": {"socket_connect_timeout": 0.5},
        }
    }
    with override_settings(CACHES=caches):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {
        "status": "failed",
        "checks": {"database": "ok", "cache": "failed: ConnectionError"},
    }


@pytest.mark.django_db
def test_database_unreachable_is_a_503_that_names_the_database(client, monkeypatch):
    from django.db import OperationalError

    from core import health

    def refuse():
        raise OperationalError("connection refused")

    monkeypatch.setitem(health.CHECKS, "database", refuse)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["checks"] == {"database": "failed: OperationalError", "cache": "ok"}


def test_only_safe_methods(client):
    assert client.post("/healthz").status_code == 405
