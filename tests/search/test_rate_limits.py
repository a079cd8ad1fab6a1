"""Per-IP rate limits on the search page and API: a 429 with Retry-After past the limit,
other addresses unaffected, and searches allowed when the cache is down."""

import pytest
from django.core.cache import cache

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def three_a_minute(settings):
    settings.SEARCH_RATE_LIMIT = "3/60"


@pytest.mark.parametrize("url", ["/search/", "/api/search/"])
def test_past_the_limit_a_429_with_retry_after(client, url, clock):
    for _ in range(3):
        assert client.get(url, {"q": "patti"}).status_code == 200
    refused = client.get(url, {"q": "patti"})
    assert refused.status_code == 429
    assert 1 <= int(refused["Retry-After"]) <= 60
    if url.startswith("/api/"):
        assert refused.json()["retry_after"] == int(refused["Retry-After"])
    else:
        assert "Too many searches" in refused.content.decode() or "Troppe" in (
            refused.content.decode()
        )
    assert client.get(url, REMOTE_ADDR="10.0.0.9").status_code == 200  # another address
    clock.shift(61)
    assert client.get(url, {"q": "patti"}).status_code == 200  # a new window


def test_behind_the_trusted_proxy_the_forwarded_address_counts(client, settings):
    # The same rule as the login limits (allauth): one trusted proxy in production.
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    proxy = {"REMOTE_ADDR": "127.0.0.1"}
    for _ in range(3):
        client.get("/api/search/", HTTP_X_FORWARDED_FOR="203.0.113.7", **proxy)
    assert (
        client.get("/api/search/", HTTP_X_FORWARDED_FOR="203.0.113.7", **proxy).status_code == 429
    )
    assert (
        client.get("/api/search/", HTTP_X_FORWARDED_FOR="203.0.113.8", **proxy).status_code == 200
    )
    # A client cannot pick its address by sending its own X-Forwarded-For in front.
    spoofed = "198.51.100.1, 203.0.113.7"
    assert client.get("/api/search/", HTTP_X_FORWARDED_FOR=spoofed, **proxy).status_code == 429


def test_without_a_trusted_proxy_the_forwarded_header_is_ignored(client, settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 0
    for n in range(3):
        client.get("/api/search/", HTTP_X_FORWARDED_FOR=f"198.51.100.{n}", REMOTE_ADDR="10.0.0.5")
    refused = client.get(
        "/api/search/", HTTP_X_FORWARDED_FOR="198.51.100.99", REMOTE_ADDR="10.0.0.5"
    )
    assert refused.status_code == 429


def test_when_the_cache_is_down_searches_are_allowed(client, monkeypatch):
    def broken(*args, **kwargs):
        raise ConnectionError("redis is down")

    monkeypatch.setattr(cache, "add", broken)
    monkeypatch.setattr(cache, "incr", broken)
    for _ in range(5):
        assert client.get("/api/search/", {"q": "patti"}).status_code == 200
