"""The anonymous page cache (core/page_cache.py): what is cached, for whom, and until when."""

import pytest
from django.conf import settings
from django.db import connection
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.test import RequestFactory, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.page_cache import AnonymousPageCacheMiddleware, invalidate_page_cache
from events.services import cancel_registration, register_for_session
from exchange.models import ExchangeIndexPage
from practices.models import PracticeIndexPage, ToolboxIndexPage
from tests.events.factories import make_offer, make_session, member_of
from tests.practices.factories import make_practice

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache_on")]


@pytest.fixture
def page_cache_on():
    with override_settings(PAGE_CACHE_ENABLED=True):
        yield


def cached(response) -> bool:
    return response.get("X-Page-Cache") == "hit"


def test_an_anonymous_page_sets_no_cookie_and_is_served_from_the_cache(client, site_tree):
    first = client.get("/")
    assert first.status_code == 200
    assert not first.cookies  # no csrftoken, no session: a proxy may keep it too
    assert "csrfmiddlewaretoken" not in first.content.decode()
    assert not cached(first)
    with CaptureQueriesContext(connection) as queries:
        second = client.get("/")
    assert cached(second)
    assert len(queries) == 0
    assert second.content == first.content
    assert not second.cookies


@pytest.mark.parametrize("cache_on", [True, False])
def test_public_page_types_set_no_cookie_for_anonymous_visitors(client, site_tree, cache_on):
    offer = make_offer()
    make_session(offer)
    practice = make_practice()
    urls = ["/", PracticeIndexPage.objects.get().url, practice.url, offer.url]
    urls.append(ExchangeIndexPage.objects.get().url)
    with override_settings(PAGE_CACHE_ENABLED=cache_on):
        for url in urls:
            response = client.get(url)
            assert response.status_code == 200, url
            assert not response.cookies, url


def test_headers_let_a_proxy_keep_anonymous_pages_but_never_hand_them_to_members(
    client, site_tree, member
):
    response = client.get("/")
    cache_control = response["Cache-Control"]
    assert "public" in cache_control
    assert f"s-maxage={settings.PAGE_CACHE_PROXY_SECONDS}" in cache_control
    assert "max-age=0" in cache_control
    assert "Cookie" in response["Vary"]
    assert "Accept-Language" in response["Vary"]
    assert cached(client.get("/"))
    assert "Cookie" in client.get("/")["Vary"]

    client.force_login(member)
    signed_in = client.get("/")
    assert not cached(signed_in)
    assert "private" in signed_in["Cache-Control"]
    assert "public" not in signed_in["Cache-Control"]
    assert "Cookie" in signed_in["Vary"]
    assert member.get_full_name() in signed_in.content.decode()


def test_a_signed_in_page_is_never_stored_for_anonymous_visitors(client, site_tree, member):
    client.force_login(member)
    client.get("/")
    client.logout()
    anonymous = client.get("/")
    assert not cached(anonymous)
    assert member.get_full_name() not in anonymous.content.decode()


def test_each_language_has_its_own_cached_page(client, site_tree):
    italian = client.get("/", HTTP_ACCEPT_LANGUAGE="it")
    assert cached(client.get("/", HTTP_ACCEPT_LANGUAGE="it"))
    english = client.get("/", HTTP_ACCEPT_LANGUAGE="en")
    assert not cached(english)
    assert '<html lang="en">' in english.content.decode()
    assert '<html lang="it">' in italian.content.decode()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert '<html lang="en">' in client.get("/", HTTP_ACCEPT_LANGUAGE="it").content.decode()


def test_posts_messages_and_htmx_requests_bypass_the_cache(client, site_tree):
    client.get("/")
    assert cached(client.get("/"))
    assert not cached(client.post("/"))
    assert not cached(client.get("/", HTTP_HX_REQUEST="true"))
    client.cookies["messages"] = "anything"
    assert not cached(client.get("/"))


def test_the_cache_stands_aside_when_switched_off(client, site_tree):
    with override_settings(PAGE_CACHE_ENABLED=False):
        client.get("/")
        response = client.get("/")
    assert not cached(response)
    assert "private" in response["Cache-Control"]


def _middleware_response(make_response, path="/pagina/"):
    request = RequestFactory().get(path)
    request.LANGUAGE_CODE = "it"
    middleware = AnonymousPageCacheMiddleware(make_response)
    middleware(request)
    return middleware(RequestFactory().get(path))


@pytest.mark.parametrize(
    "make_response",
    [
        pytest.param(lambda request: HttpResponse(get_token(request)), id="csrf-form"),
        pytest.param(lambda request: HttpResponse("x", status=404), id="not-found"),
        pytest.param(
            lambda request: HttpResponse("{}", content_type="application/json"), id="json"
        ),
        pytest.param(
            lambda request: HttpResponse("x", headers={"Cache-Control": "private"}), id="private"
        ),
        pytest.param(
            lambda request: HttpResponse("x", headers={"Cache-Control": "no-store"}),
            id="no-store",
        ),
    ],
)
def test_responses_that_must_not_be_shared_are_not_stored(db, make_response):
    def view(request):
        response = make_response(request)
        if "CSRF_COOKIE" in request.META:  # what CsrfViewMiddleware does after a get_token
            response.set_cookie(settings.CSRF_COOKIE_NAME, request.META["CSRF_COOKIE"])
        return response

    assert not cached(_middleware_response(view))


def test_a_plain_html_response_is_stored(db):
    assert cached(_middleware_response(lambda request: HttpResponse("<p>ciao</p>")))


def test_excluded_paths_are_not_stored(client, site_tree):
    for path in ("/search/", "/accounts/login/"):
        client.get(path)
        assert not cached(client.get(path)), path


def test_publishing_a_page_makes_cached_pages_stale(client, site_tree):
    index_url = PracticeIndexPage.objects.get().url
    client.get(index_url)
    assert cached(client.get(index_url))
    make_practice(title="Orti condivisi di quartiere")
    fresh = client.get(index_url)
    assert not cached(fresh)
    assert "Orti condivisi di quartiere" in fresh.content.decode()


def test_unpublishing_moving_and_deleting_make_cached_pages_stale(client, site_tree):
    practice = make_practice(title="Pratica da ritirare")
    index_url = PracticeIndexPage.objects.get().url

    def warm():
        client.get(index_url)
        assert cached(client.get(index_url))

    warm()
    practice.unpublish()
    assert "Pratica da ritirare" not in client.get(index_url).content.decode()
    practice.save_revision().publish()
    warm()
    practice.move(ToolboxIndexPage.objects.get(), pos="last-child")
    assert not cached(client.get(index_url))
    warm()
    practice.delete()
    assert not cached(client.get(index_url))


def test_registrations_that_change_free_seats_make_the_offer_stale(client, site_tree):
    offer = make_offer()
    session = make_session(offer, capacity=5)
    client.get(offer.url)
    assert cached(client.get(offer.url))
    registration = register_for_session(session, member_of())
    after_register = client.get(offer.url)
    assert not cached(after_register)
    assert "4 posti liberi" in after_register.content.decode()
    client.get(offer.url)
    cancel_registration(registration)
    assert "5 posti liberi" in client.get(offer.url).content.decode()


def test_invalidation_reaches_pages_in_every_language(client, site_tree):
    client.get("/", HTTP_ACCEPT_LANGUAGE="en")
    assert cached(client.get("/", HTTP_ACCEPT_LANGUAGE="en"))
    invalidate_page_cache()
    assert not cached(client.get("/", HTTP_ACCEPT_LANGUAGE="en"))


def test_language_switch_is_a_link_that_sets_the_language(client, site_tree):
    html = client.get("/").content.decode()
    switch = reverse("switch_language", args=["en"])
    assert f'href="{switch}?next=/"' in html
    response = client.get(switch, {"next": "/pratiche/?page=2"})
    assert response.status_code == 302
    assert response["Location"] == "/pratiche/?page=2"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    assert "no-cache" in response["Cache-Control"]
    assert '<html lang="en">' in client.get("/").content.decode()


@pytest.mark.parametrize("next_url", ["https://evil.example/", "//evil.example/", ""])
def test_language_switch_goes_back_to_this_site_only(client, site_tree, next_url):
    response = client.get(reverse("switch_language", args=["en"]), {"next": next_url})
    assert response["Location"] == "/"


def test_language_switch_refuses_unknown_languages(client, site_tree):
    assert client.get(reverse("switch_language", args=["fr"])).status_code == 404


def test_the_sitemap_is_cached_until_a_page_is_published(client, site_tree):
    first = client.get("/sitemap.xml")
    assert first.status_code == 200
    assert not cached(first)
    assert cached(client.get("/sitemap.xml"))
    practice = make_practice(title="Una pratica nuova")
    practice.save_revision().publish()
    fresh = client.get("/sitemap.xml")
    assert not cached(fresh)
    assert practice.url in fresh.content.decode()


def test_a_private_calendar_feed_is_never_stored(client, site_tree):
    # Another .ics address than the public feed: personal data behind a token.
    response = client.get("/eventi/calendario/nessun-token.ics")
    assert response.status_code == 404
    assert not cached(client.get("/eventi/calendario/nessun-token.ics"))
