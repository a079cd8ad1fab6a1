"""The map, the index filters and a sheet's facts are cached per site until something they show
changes: a publish, or an edit of a theme, an organisation, an indicator... Transfers are not
cached: a new one shows at once."""

import pytest

from practices.models import Theme
from practices.services import record_adoption
from tests.factories import OrganisationFactory
from tests.practices.factories import ThemeFactory, add_indicator, make_practice, make_tool

pytestmark = pytest.mark.django_db


def _html(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_a_republished_sheet_shows_its_new_themes(client, site_tree):
    practice = make_practice(themes=[ThemeFactory(name_it="Beni comuni", slug="beni-comuni")])
    assert "Beni comuni" in _html(client, practice.url)
    page = practice.get_latest_revision_as_object()
    page.themes.set([ThemeFactory(name_it="Welfare di comunità", slug="welfare")])
    page.save_revision().publish()
    html = _html(client, practice.url)
    assert "Welfare di comunità" in html and "Beni comuni" not in html


def test_a_renamed_theme_shows_on_the_sheet_and_in_the_index_filters(client, site_tree):
    practice = make_practice(themes=[ThemeFactory(name_it="Beni comuni", slug="beni-comuni")])
    index_url = practice.get_parent().url
    assert "Beni comuni" in _html(client, practice.url)
    assert "Beni comuni" in _html(client, index_url)
    theme = Theme.objects.get(slug="beni-comuni")
    theme.name_it = "Cura dei beni comuni"
    theme.save()
    assert "Cura dei beni comuni" in _html(client, practice.url)
    assert "Cura dei beni comuni" in _html(client, index_url)


def test_an_indicator_written_outside_the_editor_shows_on_the_sheet(client, site_tree):
    practice = make_practice()
    assert "Presenze" not in _html(client, practice.url)
    add_indicator(practice, name="Presenze")
    assert "Presenze" in _html(client, practice.url)


def test_a_new_transfer_shows_on_the_sheet_at_once(client, site_tree):
    practice = make_practice()
    _html(client, practice.url)
    record_adoption(practice, OrganisationFactory(name="Comune di Adottante"), year=2026)
    assert "Comune di Adottante" in _html(client, practice.url)


def test_the_map_on_the_home_page_counts_a_practice_published_after_it_was_cached(
    client, site_tree
):
    make_practice(title="Prima")
    assert "<title>Emilia-Romagna: Buone pratiche 1, Scambi 0</title>" in _html(client, "/")
    make_practice(title="Seconda")
    assert "<title>Emilia-Romagna: Buone pratiche 2, Scambi 0</title>" in _html(client, "/")


def test_a_preview_is_never_served_from_the_cache(admin_client, site_tree):
    practice = make_practice(themes=[ThemeFactory(name_it="Beni comuni", slug="beni-comuni")])
    page = practice.get_latest_revision_as_object()
    page.themes.set([ThemeFactory(name_it="Bozza di tema", slug="bozza")])
    page.save_revision()
    html = _html(admin_client, f"/admin/pages/{practice.pk}/view_draft/")
    assert "Bozza di tema" in html
    assert "Bozza di tema" not in _html(admin_client, practice.url)


def test_a_cached_sheet_still_shows_its_tools_and_indicator_values(client, site_tree):
    practice = make_practice()
    tool = make_tool(title="Patto di collaborazione tipo")
    page = practice.get_latest_revision_as_object()
    page.tools.set([tool])
    page.save_revision().publish()
    add_indicator(practice, name="Volontari attivi", values=(("2023", 40), ("2024", 55)))
    first = _html(client, practice.url)
    cached = _html(client, practice.url)  # the facts now come from the cache
    assert cached == first
    assert f'href="{tool.url}"' in cached and "Volontari attivi" in cached
