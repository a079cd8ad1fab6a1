"""The cached menu follows publishing; the memoised CSP header is the policy django-csp builds."""

import pytest
from csp.utils import build_policy
from django.conf import settings
from django.test import override_settings

from core.models import StandardPage
from core.navigation import MainMenuItem

pytestmark = pytest.mark.django_db


def nav(client, **headers) -> str:
    html = client.get("/", **headers).content.decode()
    return html.split('data-testid="main-nav"', 1)[1].split("</ul>", 1)[0]


def test_the_menu_follows_publishing_unpublishing_and_renaming(client, site_tree):
    # Without a Main menu setting the menu is the home page's children shown in menus.
    MainMenuItem.objects.all().delete()
    assert "Come partecipare" not in nav(client)
    page = StandardPage(title="Come partecipare", slug="come-partecipare", show_in_menus=True)
    site_tree.add_child(instance=page)
    page.save_revision().publish()
    assert "<span>Come partecipare</span>" in nav(client)
    page.title = "Partecipare"
    page.save_revision().publish()
    assert "<span>Partecipare</span>" in nav(client)
    assert "<span>Partecipare</span>" in nav(client, HTTP_ACCEPT_LANGUAGE="en")
    page.unpublish()
    assert "Partecipare" not in nav(client)


def test_editing_the_main_menu_setting_shows_at_once(client, site_tree):
    item = MainMenuItem.objects.order_by("sort_order").first()
    assert f"<span>{item.label('it')}</span>" in nav(client)  # now cached
    item.label_it = "Le buone pratiche dei Comuni"
    item.save()
    assert "<span>Le buone pratiche dei Comuni</span>" in nav(client)


def test_a_cached_menu_is_built_once(client, site_tree, monkeypatch):
    from core import context_processors

    built = []
    original = context_processors._menu_pages
    monkeypatch.setattr(
        context_processors, "_menu_pages", lambda request: built.append(1) or original(request)
    )
    for _ in range(3):
        assert "<span>Buone pratiche</span>" in nav(client)
    assert len(built) == 1
    nav(client, HTTP_ACCEPT_LANGUAGE="en")  # each language has its own
    assert len(built) == 2


def test_the_site_policy_is_the_one_django_csp_builds(client, site_tree):
    expected = set(build_policy(config=settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]).split("; "))
    for _ in range(2):  # built once, then reused
        assert set(client.get("/")["Content-Security-Policy"].split("; ")) == expected
    assert "script-src 'self'" in expected


def test_the_admin_keeps_its_wider_policy(client, site_tree):
    header = client.get("/admin/")["Content-Security-Policy"]
    assert "script-src 'self' 'unsafe-inline'" in header
    assert (
        "unsafe-inline" not in client.get("/")["Content-Security-Policy"].split("style-src-attr")[0]
    )


def test_a_page_from_the_page_cache_carries_the_policy(client, site_tree):
    with override_settings(PAGE_CACHE_ENABLED=True):
        client.get("/")
        response = client.get("/")
    assert response["X-Page-Cache"] == "hit"
    assert "default-src 'self'" in response["Content-Security-Policy"]
