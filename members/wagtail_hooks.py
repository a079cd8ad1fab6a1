"""Wagtail admin: staff manage organisations and memberships; editors never see the drafts of
other organisations' pages in the page explorer or the page chooser."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from members.models import Membership, Organisation, owned_page_models
from members.permissions import editable_organisation_ids, is_platform_staff


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
    list_display = ["user", "organisation", "role", "status", "created_at"]
    list_filter = ["status", "role"]
    search_fields = ["user__full_name", "user__email", "organisation__name"]
    ordering = ["-created_at"]


class MembersGroup(SnippetViewSetGroup):
    menu_label = _("Organisations and members")
    menu_icon = "group"
    menu_order = 250
    items = (OrganisationViewSet, MembershipViewSet)


register_snippet(MembersGroup)


def hide_other_organisations_drafts(pages, request):
    """Editors see the live pages of everyone but only their own organisation's drafts."""
    user = request.user
    if is_platform_staff(user):
        return pages
    allowed = editable_organisation_ids(user)
    for model in owned_page_models():
        hidden = model.objects.filter(live=False).exclude(organisation_id__in=allowed)
        pages = pages.exclude(pk__in=hidden.values("pk"))
    return pages


@hooks.register("construct_explorer_page_queryset")
def explorer_hides_other_drafts(parent_page, pages, request):
    return hide_other_organisations_drafts(pages, request)


@hooks.register("construct_page_chooser_queryset")
def chooser_hides_other_drafts(pages, request):
    return hide_other_organisations_drafts(pages, request)
