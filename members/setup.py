"""The editorial set-up: groups, their Wagtail permissions and the moderation workflow.

Idempotent; run by ``manage.py load_demo`` and ``manage.py setup_editorial`` (production).

- "Moderators" (platform staff): admin access; add, change and publish anywhere under the home
  page; they approve or reject in the workflow.
- "Editors" (confirmed editors and admins of an organisation, kept in step by
  ``members.services.sync_editor_group``): admin access; add and change (not publish) on every
  section index page. Which pages they may actually touch is narrowed per organisation by
  ``members.permissions.OwnedPagePermissionTester``.
- The workflow "Staff moderation" with one group approval task for Moderators, assigned to the
  home page: every page an editor submits waits for staff approval before going live.
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from members.permissions import EDITORS_GROUP, MODERATORS_GROUP

WORKFLOW_NAME = "Moderazione dello staff"
TASK_NAME = "Approvazione dello staff"


def _permission(app_label: str, codename: str) -> Permission:
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def section_pages(home: Page) -> list[Page]:
    from core.models import SectionIndexPage

    return [
        child for child in home.get_children().specific() if isinstance(child, SectionIndexPage)
    ]


@transaction.atomic
def ensure_editorial_setup() -> tuple[Group, Group]:
    from core.models import HomePage

    moderators, _ = Group.objects.get_or_create(name=MODERATORS_GROUP)
    editors, _ = Group.objects.get_or_create(name=EDITORS_GROUP)
    admin_access = _permission("wagtailadmin", "access_admin")
    moderators.permissions.add(admin_access)
    editors.permissions.add(admin_access)
    # Staff manage the register and the memberships in the admin.
    for model in ("organisation", "membership"):
        for action in ("add", "change", "view"):
            moderators.permissions.add(_permission("members", f"{action}_{model}"))
    # ... and read what visitors said of the pages ("Quanto sono chiare le informazioni?").
    moderators.permissions.add(_permission("core", "view_pagerating"))
    # ... and keep the catalogue of shared indicators practices compare on.
    for action in ("add", "change", "view"):
        moderators.permissions.add(_permission("practices", f"{action}_sharedindicator"))

    root_collection = Collection.get_first_root_node()
    if root_collection is not None:
        for group in (moderators, editors):
            for app_label, codename in (
                ("wagtailimages", "add_image"),
                ("wagtailimages", "choose_image"),
                ("wagtaildocs", "add_document"),
                ("wagtaildocs", "choose_document"),
            ):
                GroupCollectionPermission.objects.get_or_create(
                    group=group,
                    collection=root_collection,
                    permission=_permission(app_label, codename),
                )

    home = HomePage.objects.first()
    if home is None:
        return moderators, editors
    for action in ("add", "change", "publish"):
        GroupPagePermission.objects.get_or_create(
            group=moderators, page=home, permission=_permission("wagtailcore", f"{action}_page")
        )
    for section in section_pages(home):
        for action in ("add", "change"):
            GroupPagePermission.objects.get_or_create(
                group=editors,
                page=section,
                permission=_permission("wagtailcore", f"{action}_page"),
            )

    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    task = GroupApprovalTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=TASK_NAME)
    task.groups.add(moderators)
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    WorkflowPage.objects.update_or_create(page=home, defaults={"workflow": workflow})
    return moderators, editors
