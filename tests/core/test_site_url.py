"""SITE_URL reaches the Wagtail Site, so API v2 and open-data links carry the public host."""

import csv
import io
from io import StringIO

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.test import override_settings
from wagtail.models import Site

from core.sites import apply_site_url, parse_site_url

PUBLIC = "https://scambi.example.org"


@pytest.mark.parametrize(
    "url,hostname,port",
    [
        ("https://scambi.example.org", "scambi.example.org", 443),
        ("https://scambi.example.org/", "scambi.example.org", 443),
        ("http://127.0.0.1:8000", "127.0.0.1", 8000),
        ("http://intranet.comune.example.it", "intranet.comune.example.it", 80),
    ],
)
def test_parse_site_url(url, hostname, port):
    address = parse_site_url(url)
    assert (address.hostname, address.port) == (hostname, port)
    assert address.root_url == url.rstrip("/")


@pytest.mark.parametrize(
    "url",
    ["scambi.example.org", "https://scambi.example.org:8443", "https://x.org/sub/", "ftp://x"],
)
def test_site_urls_wagtail_cannot_express_are_refused(url):
    with pytest.raises(ImproperlyConfigured):
        parse_site_url(url)


@pytest.mark.django_db
def test_command_applies_site_url_and_is_safe_twice(site_tree):
    with override_settings(SITE_URL=PUBLIC):
        out = StringIO()
        call_command("configure_site", stdout=out)
        assert f"now {PUBLIC}" in out.getvalue()
        call_command("configure_site", stdout=out)
        assert f"already {PUBLIC}" in out.getvalue()
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port, site.root_url) == ("scambi.example.org", 443, PUBLIC)
    assert Site.objects.count() == 1


@pytest.fixture
def public_practice(site_tree):
    from tests.practices.factories import make_practice

    practice = make_practice(title="Patti per i parchi")
    apply_site_url(PUBLIC)
    return practice


PROXY_HEADERS = {"HTTP_HOST": "scambi.example.org", "HTTP_X_FORWARDED_PROTO": "https"}


@pytest.mark.django_db
@override_settings(ALLOWED_HOSTS=["scambi.example.org"])
def test_api_v2_html_url_carries_the_public_host(client, public_practice):
    response = client.get(
        "/api/v2/pages/", {"type": "practices.PracticePage", "fields": "*"}, **PROXY_HEADERS
    )
    assert response.status_code == 200
    item = response.json()["items"][0]
    assert item["meta"]["html_url"] == f"{PUBLIC}{public_practice.url}"
    assert item["meta"]["html_url"].startswith("https://scambi.example.org/buone-pratiche/")


@pytest.mark.django_db
@override_settings(ALLOWED_HOSTS=["scambi.example.org"])
def test_open_data_csv_url_carries_the_public_host(client, public_practice):
    response = client.get("/buone-pratiche/", {"format": "csv"}, **PROXY_HEADERS)
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert [row["url"] for row in rows] == [f"{PUBLIC}{public_practice.url}"]


@pytest.mark.django_db
def test_without_configure_site_links_say_localhost(client, site_tree):
    """What the issue saw: a fresh database's Site is localhost:80."""
    from tests.practices.factories import make_practice

    make_practice(title="Patti per i parchi")
    response = client.get("/api/v2/pages/", {"type": "practices.PracticePage", "fields": "*"})
    assert response.json()["items"][0]["meta"]["html_url"].startswith("http://localhost/")
