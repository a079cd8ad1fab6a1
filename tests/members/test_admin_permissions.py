"""The Wagtail admin, for every page model owned by an organisation: editors edit, preview
and submit only their organisation's pages; staff approve through the workflow."""

import pytest
from wagtail.models import Page, WorkflowState

from members.models import Membership
from members.setup import ensure_editorial_setup
from tests.members.conftest import make_member
from tests.members.owned_pages import make_owned_page, owned_models, parent_for

pytestmark = pytest.mark.django_db

OWNED_MODELS = owned_models()


@pytest.fixture
def editorial(site_tree, cesena, monza, staff):
    ensure_editorial_setup()
    return make_member(cesena, role=Membership.Role.EDITOR)


def _refused(response) -> bool:
    # Wagtail answers a refusal with a 403 or a redirect to the dashboard with a message.
    return response.status_code == 403 or (
        response.status_code == 302 and "/edit/" not in response["Location"]
    )


@pytest.mark.parametrize("model", OWNED_MODELS, ids=lambda m: m._meta.label)
@pytest.mark.parametrize(
    "url",
    [
        "/admin/pages/{id}/edit/",
        "/admin/pages/{id}/edit/preview/",
        "/admin/pages/{id}/history/",
        "/admin/pages/{id}/delete/",
        "/admin/pages/{id}/unpublish/",
        "/admin/pages/{id}/copy/",
        "/admin/pages/{id}/move/",
    ],
)
def test_another_organisations_page_is_refused(client, editorial, monza, model, url):
    page = make_owned_page(model, monza, title="Pagina di Monza")
    client.force_login(editorial)
    response = client.get(url.format(id=page.pk))
    assert _refused(response), (url, response.status_code)
    perms = page.permissions_for_user(editorial)
    assert not any(
        [
            perms.can_edit(),
            perms.can_publish(),
            perms.can_delete(),
            perms.can_unpublish(),
            perms.can_lock(),
            perms.can_view_revisions(),
            perms.can_copy(),
            perms.can_move(),
        ]
    )


@pytest.mark.parametrize("model", OWNED_MODELS, ids=lambda m: m._meta.label)
def test_own_page_is_editable_but_not_publishable(client, editorial, cesena, model):
    page = make_owned_page(model, cesena, title="Pagina di Cesena")
    client.force_login(editorial)
    assert client.get(f"/admin/pages/{page.pk}/edit/").status_code == 200
    perms = page.permissions_for_user(editorial)
    assert perms.can_edit()
    assert not perms.can_publish()
    assert perms.can_submit_for_moderation()
    # Post the edit of a live page from the site? No: the page is a draft, the site 404s.
    assert client.get(page.url or "/nessuna/").status_code == 404


@pytest.mark.parametrize("model", OWNED_MODELS, ids=lambda m: m._meta.label)
def test_the_organisation_choice_is_limited_to_her_own(client, editorial, cesena, monza, model):
    client.force_login(editorial)
    parent = parent_for(model)
    url = f"/admin/pages/add/{model._meta.app_label}/{model._meta.model_name}/{parent.pk}/"
    response = client.get(url)
    assert response.status_code == 200
    form = response.context["form"]
    assert list(form.fields["organisation"].queryset) == [cesena]
    assert form.fields["organisation"].initial == cesena.pk
    # Forcing another organisation in the POST is refused by the form.
    form.data = {"organisation": str(monza.pk)}
    assert monza not in form.fields["organisation"].queryset


@pytest.mark.parametrize("model", OWNED_MODELS, ids=lambda m: m._meta.label)
def test_staff_approve_what_an_editor_submits(client, editorial, cesena, staff, model):
    page = make_owned_page(model, cesena, title="Da approvare")
    workflow = page.get_workflow()
    assert workflow is not None
    workflow.start(page, editorial)
    state = WorkflowState.objects.get(base_content_type__isnull=False, object_id=str(page.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    task_state = state.current_task_state
    assert task_state.task.specific.user_can_access_editor(page, staff)
    task_state.task.specific.on_action(task_state, staff, "approve")
    page.refresh_from_db()
    assert page.live
    assert client.get(page.url).status_code == 200


def test_editors_group_has_no_publish_right_on_sections(editorial):
    home = Page.objects.get(depth=2)
    assert not home.permissions_for_user(editorial).can_publish_subpage()


@pytest.mark.parametrize("model", OWNED_MODELS, ids=lambda m: m._meta.label)
def test_explorer_hides_other_organisations_drafts(client, editorial, cesena, monza, staff, model):
    own = make_owned_page(model, cesena, title="Bozza di Cesena")
    other = make_owned_page(model, monza, title="Bozza di Monza")
    parent = parent_for(model)
    client.force_login(editorial)
    html = client.get(f"/admin/pages/{parent.pk}/").content.decode()
    assert own.title in html
    assert other.title not in html
    client.force_login(staff)
    html = client.get(f"/admin/pages/{parent.pk}/").content.decode()
    assert own.title in html and other.title in html


def test_staff_manage_organisations_in_the_admin(client, editorial, staff, cesena):
    client.force_login(staff)
    response = client.get("/admin/snippets/members/organisation/")
    assert response.status_code == 200
    assert "Comune di Cesena" in response.content.decode()
    client.force_login(editorial)
    assert client.get("/admin/snippets/members/organisation/").status_code in (302, 403)
