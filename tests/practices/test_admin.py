"""Editors' forms in the Wagtail admin open and validate: practice (with inline indicators),
tool (with files), adoptions and the taxonomy snippets."""

import pytest

from practices.models import PracticeIndexPage, ToolboxIndexPage
from tests.practices.factories import make_practice, make_tool

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client, user_factory, site_tree):
    client.force_login(user_factory(is_staff=True, is_superuser=True))
    return client


def test_add_and_edit_forms_open(staff_client):
    practice = make_practice()
    tool = make_tool()
    urls = [
        f"/admin/pages/add/practices/practicepage/{PracticeIndexPage.objects.get().pk}/",
        f"/admin/pages/add/practices/toolpage/{ToolboxIndexPage.objects.get().pk}/",
        f"/admin/pages/{practice.pk}/edit/",
        f"/admin/pages/{tool.pk}/edit/",
        "/admin/snippets/practices/adoption/",
        "/admin/snippets/practices/adoption/add/",
        "/admin/snippets/practices/theme/",
        "/admin/documents/add/",
    ]
    for url in urls:
        assert staff_client.get(url).status_code == 200, url


def test_practice_pages_only_under_the_practice_index(site_tree):
    from core.models import HomePage
    from practices.models import PracticePage, ToolPage

    assert PracticePage.can_create_at(PracticeIndexPage.objects.get())
    assert not PracticePage.can_create_at(HomePage.objects.get())
    assert not ToolPage.can_create_at(PracticeIndexPage.objects.get())


def test_draft_and_preview_of_a_practice_with_tools_render(staff_client):
    """A revision holds its tools as a plain list, not a queryset: the draft view and the
    preview must still render the practice sheet with the tools it uses."""
    practice = make_practice()
    tool = make_tool(title="Modello di patto")
    practice.tools.add(tool)
    practice.save_revision()

    response = staff_client.get(f"/admin/pages/{practice.pk}/view_draft/")

    assert response.status_code == 200
    assert "Modello di patto" in response.content.decode()
