"""Organisation pages, member management, the member's profile and her personal data.

Views are thin: a form parses the input, a service in ``members.services`` does the work, and
fetch-and-check helpers make sure no view forgets a permission check.
"""

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import BadRequest
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST
from wagtail.models import Page

from core.errors import ServiceError
from core.pagination import paginate
from members import services
from members.forms import (
    DeleteAccountForm,
    DirectoryForm,
    MemberDecisionForm,
    OrganisationProfileForm,
    OrganisationSearchForm,
    ProfileForm,
    RequestMembershipForm,
    organisation_name_matches,
    search_organisations,
)
from members.models import Membership, Organisation, owned_page_models
from members.permissions import can_manage_members
from members.privacy import delete_account, export_personal_data_json

DIRECTORY_PAGE_SIZE = 24
CONTENT_PER_TYPE = 12
# An organisation may have a thousand members: the page shows them a page at a time.
MEMBERS_PER_PAGE = 50


def _search_query(request) -> str:
    form = OrganisationSearchForm(request.GET)
    if not form.is_valid():
        raise BadRequest(_("The search text is not valid (too long or with forbidden characters)."))
    return form.cleaned_data["q"]


@require_GET
def organisation_directory(request):
    form = DirectoryForm(request.GET)
    if not form.is_valid():
        raise BadRequest(_("The search text is not valid (too long or with forbidden characters)."))
    organisations = Organisation.objects.select_related("region", "province").order_by("name")
    query = form.cleaned_data["q"]
    if query:
        organisations = organisations.filter(organisation_name_matches(query))
    if form.cleaned_data["kind"]:
        organisations = organisations.filter(kind=form.cleaned_data["kind"])
    page_obj = paginate(organisations, request, DIRECTORY_PAGE_SIZE)
    query_string = request.GET.copy()
    query_string.pop("page", None)
    return render(
        request,
        "members/organisation_directory.html",
        {
            "form": form,
            "page_obj": page_obj,
            "organisations": page_obj.object_list,
            "query_string": query_string.urlencode(),
        },
    )


@require_GET
def organisation_choices(request):
    """The organisations matching ``q``, as radio buttons: the htmx fragment of the sign-up
    and membership forms (without JavaScript the page itself is searched with GET)."""
    query = _search_query(request)
    return render(
        request,
        "members/includes/organisation_choices.html",
        {"matches": search_organisations(query), "q": query, "selected": None},
    )


@require_GET
def organisation_detail(request, slug: str):
    organisation = get_object_or_404(
        Organisation.objects.select_related("region", "province"), slug=slug
    )
    content = []
    # What .public() excludes, read once for every page type (it is one query each time).
    private = Page.objects.private_q()
    for model in owned_page_models():
        pages = list(
            model.objects.live()
            .exclude(private)
            .filter(organisation=organisation)
            .order_by("-first_published_at")[:CONTENT_PER_TYPE]
        )
        if pages:
            content.append({"label": model._meta.verbose_name_plural, "pages": pages})
    members = (
        Membership.objects.filter(
            organisation=organisation,
            status=Membership.Status.CONFIRMED,
            user__visible_in_directory=True,
            user__is_active=True,
        )
        .select_related("user")
        .order_by("user__full_name", "pk")
    )
    page_obj = paginate(members, request, MEMBERS_PER_PAGE)
    return render(
        request,
        "members/organisation_detail.html",
        {
            "organisation": organisation,
            "content": content,
            "members": page_obj.object_list,
            "page_obj": page_obj,
            "can_manage": can_manage_members(request.user, organisation),
        },
    )


@login_required
@require_GET
def organisation_members(request, slug: str):
    organisation = services.get_managed_organisation(request.user, slug)
    memberships = services.with_email_verified(
        Membership.objects.filter(organisation=organisation, status__in=Membership.ACTIVE_STATUSES)
        .select_related("user")
        .order_by("status", "user__full_name")
    )
    return render(
        request,
        "members/organisation_members.html",
        {
            "organisation": organisation,
            "pending": [m for m in memberships if m.status == Membership.Status.PENDING],
            "confirmed": [m for m in memberships if m.status == Membership.Status.CONFIRMED],
            "roles": Membership.Role.choices,
        },
    )


@login_required
def edit_organisation(request, slug: str):
    """The organisation's admin (or staff) updates its description, website and logo."""
    organisation = services.get_managed_organisation(request.user, slug)
    form = OrganisationProfileForm(
        request.POST or None, request.FILES or None, instance=organisation
    )
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The organisation's page has been updated."))
        return redirect(organisation.get_absolute_url())
    return render(
        request, "members/organisation_edit.html", {"organisation": organisation, "form": form}
    )


@login_required
@require_POST
def decide_membership(request, slug: str, pk: int, action: str):
    organisation = services.get_managed_organisation(request.user, slug)
    membership = services.get_membership_to_manage(request.user, organisation, pk)
    form = MemberDecisionForm(request.POST)
    role = form.cleaned_data["role"] if form.is_valid() else None
    if action in ("confirm", "role") and role is None:
        raise BadRequest(_("Choose a valid role."))
    name = membership.user.get_full_name()
    try:
        if action == "confirm":
            services.confirm_membership(membership, actor=request.user, role=role)
            messages.success(request, _("%(name)s is now a member.") % {"name": name})
        elif action == "reject":
            services.reject_membership(membership, actor=request.user)
            messages.success(request, _("The request of %(name)s was rejected.") % {"name": name})
        elif action == "role":
            services.change_role(membership, role, actor=request.user)
            messages.success(request, _("The role of %(name)s was changed.") % {"name": name})
        else:
            services.end_membership(membership, actor=request.user)
            messages.success(request, _("%(name)s is no longer a member.") % {"name": name})
    except ServiceError as error:
        messages.error(request, error.message)
    return redirect("members:members", slug=organisation.slug)


@login_required
def profile(request):
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        messages.success(request, _("Your profile has been saved."))
        response = redirect("members:profile")
        from django.conf import settings

        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            user.preferred_language,
            samesite="Lax",
            secure=settings.LANGUAGE_COOKIE_SECURE,
        )
        return response
    return render(
        request,
        "members/profile.html",
        {"form": form, "membership": services.active_membership(request.user)},
    )


@login_required
def profile_organisation(request):
    """Choose (or change) the organisation: a pending request until it is confirmed."""
    membership = services.active_membership(request.user)
    form = RequestMembershipForm(request.POST or None)
    if request.method == "POST":
        if request.POST.get("action") == "leave":
            if membership is not None:
                services.end_membership(membership, actor=request.user)
                messages.success(request, _("You have left your organisation."))
            return redirect("members:profile")
        if form.is_valid():
            try:
                services.request_membership(request.user, form.cleaned_data["organisation"])
            except ServiceError as error:
                form.add_error(None, error.message)
            else:
                messages.success(
                    request,
                    _("Request sent: the organisation will confirm that you belong to it."),
                )
                return redirect("members:profile")
    query = _search_query(request)
    return render(
        request,
        "members/profile_organisation.html",
        {
            "form": form,
            "membership": membership,
            "q": query,
            "matches": search_organisations(query),
        },
    )


@login_required
@require_GET
def download_my_data(request):
    response = HttpResponse(
        export_personal_data_json(request.user), content_type="application/json; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="i-miei-dati.json"'
    return response


@login_required
def delete_my_account(request):
    form = DeleteAccountForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = request.user
        logout(request)
        delete_account(user)
        messages.success(request, _("Your account has been deleted."))
        return redirect("/")
    return render(request, "members/delete_account.html", {"form": form})
