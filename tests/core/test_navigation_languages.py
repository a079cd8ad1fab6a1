"""The main menu speaks the page's language: labels in Italian and English from the
Main menu setting, only live public pages, and the old "show in menus" fallback."""

import pytest
from wagtail.models import PageViewRestriction, Site

from core.navigation import MainMenu, MainMenuItem
from practices.models import PracticeIndexPage

ITALIAN = ["Buone pratiche", "Scambi", "Eventi", "Comunità", "Strumenti"]
ENGLISH = ["Good practices", "Exchanges", "Events", "Communities", "Toolbox"]


def _nav(html: str) -> str:
    start = html.index('data-testid="main-nav"')
    return html[start : html.index("</ul>", start)]


@pytest.mark.django_db
@pytest.mark.parametrize(("language", "labels"), [("it", ITALIAN), ("en", ENGLISH)])
def test_menu_labels_follow_the_language(client, site_tree, language, labels):
    html = client.get("/", HTTP_ACCEPT_LANGUAGE=language).content.decode()

    nav = _nav(html)
    positions = [nav.index(f"<span>{label}</span>") for label in labels]
    assert positions == sorted(positions)
    other = ENGLISH if language == "it" else ITALIAN
    assert not any(f"<span>{label}</span>" in nav for label in other if label not in labels)
    # The footer lists the same sections in the same language.
    footer = html[html.index('<footer class="it-footer"') :]
    assert f'<a href="/buone-pratiche/">{labels[0]}</a>' in footer


@pytest.mark.django_db
def test_empty_english_label_falls_back_to_italian_and_italian_to_title(client, site_tree):
    item = MainMenuItem.objects.get(page__slug="strumenti")
    item.label_en = ""
    item.label_it = "Cassetta degli attrezzi"
    item.save()

    english = _nav(client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode())
    italian = _nav(client.get("/", HTTP_ACCEPT_LANGUAGE="it").content.decode())

    assert "<span>Cassetta degli attrezzi</span>" in english
    assert "<span>Cassetta degli attrezzi</span>" in italian


@pytest.mark.django_db
def test_menu_leaves_out_unpublished_and_restricted_pages(client, site_tree):
    PracticeIndexPage.objects.get().unpublish()
    events = site_tree.get_children().get(slug="eventi")
    PageViewRestriction.objects.create(page=events, restriction_type="login")

    nav = _nav(client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode())

    assert "Good practices" not in nav
    assert "Events" not in nav
    assert "<span>Exchanges</span>" in nav


@pytest.mark.django_db
def test_without_menu_entries_the_pages_shown_in_menus_are_listed(client, site_tree):
    MainMenu.for_site(Site.objects.get(is_default_site=True)).items.all().delete()

    nav = _nav(client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode())

    assert "<span>Buone pratiche</span>" in nav
    assert "Good practices" not in nav


@pytest.mark.django_db
def test_menu_costs_two_queries(rf, site_tree, django_assert_num_queries):
    from core.navigation import menu_entries

    site = Site.objects.get(is_default_site=True)
    request = rf.get("/")
    Site.find_for_request(request)
    site.root_page  # noqa: B018 - loaded here, as the request's site already is in a view

    with django_assert_num_queries(2):
        entries = menu_entries(request, site, "en")

    assert [entry["title"] for entry in entries] == ENGLISH
