"""An editor of Cesena writes a new practice in the Wagtail admin and submits it for
moderation; platform staff approve it and it is published on the site.

The permissions set up here (the Editors group may add and edit practices but not publish; a
"Moderators approval" workflow on the practice index) stand in for the per-organisation
editorial permissions of the members app: when those land, this test should create the editor
through them instead.
"""

from io import StringIO

import pytest
from django.contrib.auth.models import Group, Permission


def setup_moderation():
    from wagtail.models import (
        GroupApprovalTask,
        GroupPagePermission,
        Workflow,
        WorkflowPage,
        WorkflowTask,
    )

    from core.demo import ensure_site_tree
    from members.demo_accounts import DEMO_ACCOUNTS, ensure_account, ensure_groups
    from practices import demo
    from practices.models import PracticeIndexPage

    ensure_site_tree()
    demo.load(StringIO())
    moderators, editors = ensure_groups()
    index = PracticeIndexPage.objects.get()
    for codename in ("add_page", "change_page"):
        GroupPagePermission.objects.get_or_create(
            group=editors,
            page=index,
            permission=Permission.objects.get(
                content_type__app_label="wagtailcore", codename=codename
            ),
        )
    staff = ensure_account(DEMO_ACCOUNTS[0], is_staff=True, is_superuser=True)
    staff.groups.add(moderators)
    editor = ensure_account(DEMO_ACCOUNTS[1])
    editor.groups.add(editors)
    # The members app lets an editor of Cesena pick only Cesena as the owner.
    from members.models import Membership, Organisation

    Membership.objects.get_or_create(
        user=editor,
        organisation=Organisation.objects.get(istat_code="040007"),
        defaults={"role": Membership.Role.EDITOR, "status": Membership.Status.CONFIRMED},
    )
    task = GroupApprovalTask.objects.create(name="Approvazione dello staff")
    task.groups.set([Group.objects.get(name="Moderators")])
    workflow = Workflow.objects.create(name="Moderazione")
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowPage.objects.create(workflow=workflow, page=index)
    return staff, editor


def sign_in(page, email: str) -> None:
    from members.demo_accounts import DEMO_PASSWORD

    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.locator("form").get_by_role("button", name="Accedi").click()
    page.wait_for_load_state()


@pytest.mark.django_db(transaction=True)
def test_editor_publishes_a_practice_through_moderation(page, live_server, assert_accessible):
    from members.models import Organisation
    from practices.models import PracticeIndexPage, PracticePage

    setup_moderation()
    index = PracticeIndexPage.objects.get()
    cesena = Organisation.objects.get(istat_code="040007")

    sign_in(page, "editor@example.org")
    page.goto(f"/admin/pages/add/practices/practicepage/{index.pk}/")
    page.locator("#id_title").fill("Patti di collaborazione nei parchi")
    page.locator("#id_organisation").select_option(str(cesena.pk))
    page.locator("#id_summary").fill(
        "Cittadini attivi curano i parchi con un patto di collaborazione."
    )
    page.locator("#id_start_year").fill("2023")
    # The action menu's main button saves a draft; submitting is in the dropdown.
    page.locator("footer .dropdown-toggle, [data-w-dropdown-target='toggle']").last.click()
    page.get_by_role("button", name="Invia a Moderazione").click()
    page.wait_for_load_state()
    practice = PracticePage.objects.get(title="Patti di collaborazione nei parchi")
    assert not practice.live
    assert practice.current_workflow_state is not None
    assert page.context.request.get(f"/buone-pratiche/{practice.slug}/").status == 404

    page.context.clear_cookies()
    sign_in(page, "staff@example.org")
    page.goto(f"/admin/pages/{practice.pk}/edit/")
    page.locator("footer .dropdown-toggle, [data-w-dropdown-target='toggle']").last.click()
    page.get_by_role("button", name="Approva").first.click()
    page.wait_for_load_state()
    practice.refresh_from_db()
    assert practice.live

    page.goto(f"/buone-pratiche/{practice.slug}/")
    assert "Patti di collaborazione nei parchi" in page.locator("h1").inner_text()
    assert_accessible(page)
