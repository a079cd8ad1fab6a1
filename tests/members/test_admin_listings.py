"""Editors see other organisations' live pages in the admin, never their drafts: not in the
page search, not in the admin pages API behind the explorer, not in the site history."""

import pytest
from django.urls import reverse
from wagtail.models import Page

from members.models import Membership
from members.setup import ensure_editorial_setup
from practices.models import PracticePage
from tests.members.conftest import make_member
from tests.members.owned_pages import make_owned_page, parent_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def pages(site_tree, cesena, monza):
    ensure_editorial_setup()
    monza_editor = make_member(monza, role=Membership.Role.EDITOR)
    own = make_owned_page(PracticePage, cesena, title="Bozza riservata di Cesena")
    other = make_owned_page(PracticePage, monza, title="Bozza riservata di Monza")
    other.save_revision(user=monza_editor, log_action=True)
    live = make_owned_page(PracticePage, monza, title="Pratica pubblicata di Monza")
    live.save_revision(user=monza_editor, log_action=True).publish(
        user=monza_editor, skip_permission_checks=True
    )
    return {"own": own, "other": other, "live": live}


@pytest.fixture
def editor(cesena):
    return make_member(cesena, role=Membership.Role.EDITOR)


def _html(client, user, url, **params):
    client.force_login(user)
    response = client.get(url, params)
    assert response.status_code == 200, (url, response.status_code)
    return response.content.decode()


def test_page_search_hides_other_organisations_drafts(client, pages, editor, staff):
    url = reverse("wagtailadmin_pages:search")
    html = _html(client, editor, url, q="riservata")
    assert "Bozza riservata di Cesena" in html
    assert "Bozza riservata di Monza" not in html
    assert "Pratica pubblicata di Monza" in _html(client, editor, url, q="pubblicata")
    assert "Bozza riservata di Monza" in _html(client, staff, url, q="riservata")


def test_admin_pages_api_hides_other_organisations_drafts(client, pages, editor, staff):
    parent = parent_for(PracticePage)
    url = "/admin/api/main/pages/"

    def titles(user):
        client.force_login(user)
        response = client.get(url, {"child_of": parent.pk, "for_explorer": "1"})
        assert response.status_code == 200
        return {item["title"] for item in response.json()["items"]}

    assert titles(editor) == {"Bozza riservata di Cesena", "Pratica pubblicata di Monza"}
    assert "Bozza riservata di Monza" in titles(staff)
    client.force_login(editor)
    detail = client.get(f"{url}{pages['other'].pk}/")
    assert detail.status_code == 404


def test_site_history_hides_other_organisations_drafts(client, pages, editor, staff):
    url = reverse("wagtailadmin_reports:site_history")
    html = _html(client, editor, url)
    assert "Bozza riservata di Monza" not in html
    assert "Pratica pubblicata di Monza" in html
    assert "Bozza riservata di Monza" in _html(client, staff, url)


def test_the_explorer_still_shows_live_pages_of_everyone(client, pages, editor):
    parent = parent_for(PracticePage)
    html = _html(client, editor, reverse("wagtailadmin_explore", args=[parent.pk]))
    assert "Pratica pubblicata di Monza" in html
    assert "Bozza riservata di Monza" not in html
    assert Page.objects.filter(title="Bozza riservata di Monza").exists()
