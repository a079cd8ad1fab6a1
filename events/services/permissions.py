"""Who manages the registrations of a page."""

from __future__ import annotations

from wagtail.models import Page

from members.models import User
from members.permissions import can_edit_owned_page, editable_organisation_ids, is_platform_staff


def can_manage_page(user: User, page: Page) -> bool:
    """Platform staff, or an editor/admin (confirmed) of the organisation owning the page."""
    if not user.is_authenticated:
        return False
    if is_platform_staff(user):
        return True
    organisation_id = getattr(page.specific, "organisation_id", None)
    return organisation_id is not None and can_edit_owned_page(user, organisation_id)


def managed_organisation_ids(user: User) -> list[int] | None:
    """Organisations whose sessions the person manages; None means all (platform staff)."""
    if is_platform_staff(user):
        return None
    return sorted(editable_organisation_ids(user))
