"""Wagtail admin: staff manage organisations and memberships; editors never see the drafts of
other organisations' pages in the page explorer or the page chooser. Documents are served only
to who may see them (``members.permissions.can_view_document``)."""

from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import BooleanColumn
from wagtail.models import Page
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from members.models import Membership, Organisation
from members.permissions import (
    OrganisationPagePermissionPolicy,
    can_view_document,
    hide_other_organisations_drafts,
    pages_using_document,
)
from members.services import with_email_verified

# First, before any admin view asks for the page policy (Wagtail refuses a late registration).
register_permission_policy(Page, OrganisationPagePermissionPolicy(Page))


class OrganisationViewSet(SnippetViewSet):
    model = Organisation
    icon = "site"
    menu_label = _("Organisations")
    list_display = ["name", "kind", "istat_code", "province", "region"]
    list_filter = ["kind", "region"]
    search_fields = ["name", "istat_code"]
    ordering = ["name"]


class MembershipViewSet(SnippetViewSet):
    model = Membership
    icon = "group"
    menu_label = _("Memberships")
    list_display = [
        "user",
        "organisation",
        "role",
        "status",
        BooleanColumn("email_verified", label=_("E-mail verified")),
        "created_at",
    ]
    list_filter = ["status", "role"]
    search_fields = ["user__full_name", "user__email", "organisation__name"]
    ordering = ["-created_at"]

    def get_queryset(self, request):
        # Staff confirm only people who verified their address: the listing says who did.
        return with_email_verified(Membership.objects.select_related("user", "organisation"))


class MembersGroup(SnippetViewSetGroup):
    menu_label = _("Organisations and members")
    menu_icon = "group"
    menu_order = 250
    items = (OrganisationViewSet, MembershipViewSet)


register_snippet(MembersGroup)


@hooks.register("construct_explorer_page_queryset")
def explorer_hides_other_drafts(parent_page, pages, request):
    return hide_other_organisations_drafts(pages, request.user)


@hooks.register("construct_page_chooser_queryset")
def chooser_hides_other_drafts(pages, request):
    return hide_other_organisations_drafts(pages, request.user)


@hooks.register("before_serve_document")
def serve_documents_that_follow_their_page(document, request):
    """A private upload is a 404 (its title is nobody's business); one used by a live page
    the visitor may not see yet asks her to log in, as the page itself does."""
    if can_view_document(request.user, document, request):
        return None
    if not request.user.is_authenticated and pages_using_document(document).live().exists():
        return redirect_to_login(request.get_full_path())
    raise Http404
