"""Who may do what with an organisation's content and members.

One rule, used by the Wagtail admin (through ``OwnedByOrganisation.permissions_for_user``), by
the site's views and by the tests: platform staff may do anything; the confirmed editors and
admins of an organisation may edit its content; nobody else may touch it.
"""

from django.contrib.auth.models import AnonymousUser
from django.contrib.contenttypes.models import ContentType
from wagtail.models import Page, PagePermissionTester, ReferenceIndex
from wagtail.permission_policies.pages import PagePermissionPolicy

from members.models import Membership, Organisation, User, owned_page_models

MODERATORS_GROUP = "Moderators"
EDITORS_GROUP = "Editors"
EDITING_ROLES = (Membership.Role.EDITOR, Membership.Role.ADMIN)


def is_platform_staff(user: User | AnonymousUser) -> bool:
    """The people who run the platform: superusers, members of the Moderators group and
    accounts a superuser marked as staff (``is_staff``, the Django admin's flag). The one
    definition used by every app (docs/adr/0004-communities-app.md says why all three)."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser or user.is_staff:
        return True
    cached = getattr(user, "_is_platform_staff", None)
    if cached is None:
        cached = user.groups.filter(name=MODERATORS_GROUP).exists()
        user._is_platform_staff = cached
    return cached


def editable_organisation_ids(user: User | AnonymousUser) -> frozenset[int]:
    """The organisations whose content the person may edit (confirmed editor or admin)."""
    if not user.is_authenticated or not user.is_active:
        return frozenset()
    cached = getattr(user, "_editable_organisation_ids", None)
    if cached is None:
        cached = frozenset(
            Membership.objects.filter(
                user=user, status=Membership.Status.CONFIRMED, role__in=EDITING_ROLES
            ).values_list("organisation_id", flat=True)
        )
        user._editable_organisation_ids = cached
    return cached


def can_edit_owned_page(
    user: User | AnonymousUser, organisation: Organisation | int | None
) -> bool:
    """May this person edit content owned by this organisation?"""
    if is_platform_staff(user):
        return True
    if organisation is None:
        return False
    organisation_id = organisation if isinstance(organisation, int) else organisation.pk
    return organisation_id in editable_organisation_ids(user)


def can_manage_members(user: User | AnonymousUser, organisation: Organisation) -> bool:
    """Organisation admins manage their members; staff do it for any organisation (and are
    the only ones who can while an organisation has no admin)."""
    if is_platform_staff(user):
        return True
    if not user.is_authenticated:
        return False
    return Membership.objects.filter(
        user=user,
        organisation=organisation,
        status=Membership.Status.CONFIRMED,
        role=Membership.Role.ADMIN,
    ).exists()


class OwnedPagePermissionTester(PagePermissionTester):
    """Wagtail's page permissions, narrowed to the page's owning organisation."""

    def _may_touch(self) -> bool:
        return can_edit_owned_page(self.user, getattr(self.page, "organisation_id", None))

    def can_edit(self):
        return self._may_touch() and super().can_edit()

    def can_delete(self, ignore_bulk=False):
        return self._may_touch() and super().can_delete(ignore_bulk=ignore_bulk)

    def can_unpublish(self):
        return self._may_touch() and super().can_unpublish()

    def can_publish(self):
        return self._may_touch() and super().can_publish()

    def can_lock(self):
        return self._may_touch() and super().can_lock()

    def can_unlock(self):
        return self._may_touch() and super().can_unlock()

    def can_view_revisions(self):
        return self._may_touch() and super().can_view_revisions()

    def can_copy(self):
        return self._may_touch() and super().can_copy()

    def can_move(self):
        return self._may_touch() and super().can_move()

    def can_add_subpage(self):
        return self._may_touch() and super().can_add_subpage()


def hide_other_organisations_drafts(pages, user: User | AnonymousUser):
    """``pages`` without the drafts (never published or unpublished pages) of organisations
    the person does not edit for. Staff see everything."""
    if is_platform_staff(user):
        return pages
    allowed = editable_organisation_ids(user)
    for model in owned_page_models():
        hidden = model.objects.filter(live=False).exclude(organisation_id__in=allowed)
        pages = pages.exclude(pk__in=hidden.values("pk"))
    return pages


class OrganisationPagePermissionPolicy(PagePermissionPolicy):
    """Wagtail's page policy, whose explorable pages leave out other organisations' drafts.

    Every admin listing asks this one method which pages a person may explore: the explorer,
    the page search (/admin/pages/search/), the admin pages API (/admin/api/main/pages/) and the
    site history report (``PageLogEntry.objects.viewable_by_user``); so none of them shows the
    title of another organisation's draft. Registered in ``members.wagtail_hooks``."""

    def explorable_instances(self, user):
        return hide_other_organisations_drafts(super().explorable_instances(user), user)


# --- Visibility: who may see a page or a discussion ---------------------------------------------
# One rule for pages, search, calendars, feeds and APIs. Search keeps only what anonymous people
# may see (search/builders.py asks the same questions when it indexes), so it never shows a
# snippet of something its page would refuse.


def can_view_page(user: User | AnonymousUser, page, request=None) -> bool:
    """May this person see ``page`` on the site? Only live pages, and only when every view
    restriction of the page and its ancestors lets them in. A password restriction is met only
    through ``request`` (Wagtail keeps the entered password in the session)."""
    if not page.live:
        return False
    for restriction in page.get_view_restrictions():
        if request is not None:
            if not restriction.accept_request(request):
                return False
        elif not _restriction_admits(restriction, user):
            return False
    return True


def _restriction_admits(restriction, user: User | AnonymousUser) -> bool:
    if restriction.restriction_type == restriction.PASSWORD:
        return False
    if not user.is_authenticated or not user.is_active:
        return False
    if restriction.restriction_type == restriction.GROUPS:
        if user.is_superuser:
            return True
        wanted = set(restriction.groups.values_list("pk", flat=True))
        return bool(wanted & set(user.groups.values_list("pk", flat=True)))
    return True  # a login restriction


def pages_using_document(document):
    """The pages that use ``document`` in their current content, live or not (Wagtail's
    reference index records every use, in fields, blocks and child rows alike)."""
    page_ids = (
        ReferenceIndex.get_references_to(document)
        .filter(base_content_type=ContentType.objects.get_for_model(Page))
        .values_list("object_id", flat=True)
    )
    return Page.objects.filter(pk__in=[int(pk) for pk in page_ids])


def can_view_document(user: User | AnonymousUser, document, request=None) -> bool:
    """May this person download ``document``? An upload is private until a live page she
    may see uses it; before that only who uploaded it, the editors of a page using it (to
    preview a draft) and staff may. Collection view restrictions are Wagtail's own check."""
    if is_platform_staff(user):
        return True
    if user.is_authenticated and document.uploaded_by_user_id == user.pk:
        return True
    for page in pages_using_document(document).specific():
        if can_view_page(user, page, request):
            return True
        if can_edit_owned_page(user, getattr(page, "organisation_id", None)):
            return True
    return False


def can_see_online_link(user: User | AnonymousUser, page, request=None) -> bool:
    """May this person see the video link of a session of ``page``? Those who may see the page,
    narrowed by the page type's own rule when it has one (``online_link_visible_to(user)``: a
    community meeting's link is for the community's members and coordinators)."""
    if not can_view_page(user, page, request):
        return False
    rule = getattr(page.specific, "online_link_visible_to", None)
    return rule(user) if callable(rule) else True
