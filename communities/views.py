"""Views of a community, routed by ``CommunityPage`` (see its ``@path`` routes).

Thin: parse the input with a form, check access through ``services_community``, call a
service, render. A refused action renders a clear message with a 4xx and stores nothing.
"""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.db.models import Case, F, FilteredRelation, Prefetch, Q, Value, When, Window
from django.db.models.functions import RowNumber
from django.http import Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from communities import discussions, services, services_meetings
from communities.forms import (
    DecisionForm,
    FollowForm,
    RoleForm,
)
from communities.models import (
    CommunityMembership,
    CommunityPage,
    Follow,
    FollowLevel,
    Post,
    Topic,
)
from communities.services import CommunityDenied
from communities.services_meetings import count_of
from core.charts import participation_chart
from core.ical import CalendarItem, absolute_url, build_ics
from core.pagination import paginate
from members.models import User

TOPICS_PER_PAGE = 20
POSTS_PER_PAGE = 50


def _deny(request, community, error: CommunityDenied):
    return render(
        request,
        "communities/community/denied.html",
        {"page": community, "community": community, "message": error.message},
        status=error.status,
    )


def _require_login(request):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    return None


def _post_only(request):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    return None


def community_action(*, coordinators_only: bool = False):
    """For the small POST actions of a community (join, follow, lock...): sign-in required,
    POST only, optionally coordinators only; a ``CommunityDenied`` raised by the view or its
    services becomes the page that says why, with its 4xx."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, community, *args, **kwargs):
            if (response := _require_login(request)) is not None:
                return response
            if (response := _post_only(request)) is not None:
                return response
            try:
                if coordinators_only:
                    services.check_coordinator(request.user, community)
                return view(request, community, *args, **kwargs)
            except CommunityDenied as error:
                return _deny(request, community, error)

        return wrapper

    return decorator


def _valid(form, message: str):
    """The form's cleaned data, or a 400 that says what to choose."""
    if not form.is_valid():
        raise CommunityDenied(message, 400)
    return form.cleaned_data


def _topic_or_404(community, topic_id) -> Topic:
    topic = Topic.objects.filter(pk=topic_id, community=community).first()
    if topic is None:
        raise Http404(_("This discussion does not exist in this community."))
    topic.community = community
    return topic


def _post_or_404(community, post_id) -> Post:
    post = (
        Post.objects.select_related("topic").filter(pk=post_id, topic__community=community).first()
    )
    if post is None:
        raise Http404(_("This message does not exist in this community."))
    post.topic.community = community
    return post


# -- Community page --------------------------------------------------------------------------


UPCOMING_SHOWN = 5
PAST_PER_PAGE = 10
CHART_MEETINGS = 24  # the chart shows the participation of the last two years or so


def _meetings(community):
    return services_meetings.with_attendance(community.meetings.live()).select_related(
        "organisation"
    )


def _with_participation(meetings) -> list:
    meetings = list(meetings)
    for meeting in meetings:
        meeting.participation = services_meetings.participation(meeting)
    return meetings


def meetings_of(community):
    """The community's live meeting pages, oldest first, each with its ``participation``
    (``MeetingPage.community`` points here; counts aggregated in the same query)."""
    return _with_participation(_meetings(community).order_by("start"))


def participation_rows(meetings):
    """The participation chart's rows: past meetings with a known figure."""
    rows = []
    for meeting in meetings:
        if meeting.start > timezone.now():
            continue
        people, organisations = meeting.participation.people, meeting.participation.organisations
        if people is None and organisations is None:
            continue
        label = timezone.localtime(meeting.start).strftime("%m/%y")
        rows.append((label, meeting.title, people, organisations))
    return rows


def _meetings_around_now(community, now) -> tuple[list, list]:
    """The next ``UPCOMING_SHOWN`` meetings (soonest first) and the last ``CHART_MEETINGS``
    (latest first), with their participation, in one query: each side is numbered by a
    window function and cut in SQL."""
    upcoming = Q(start__gte=now)
    side = Case(When(upcoming, then=Value(True)), default=Value(False))
    rank = Window(
        RowNumber(),
        partition_by=[side],
        # Upcoming ones by start; the past ones (no first key) latest first.
        order_by=[
            Case(When(upcoming, then=F("start"))).asc(nulls_last=True),
            F("start").desc(),
            F("pk").desc(),
        ],
    )
    limit = Case(When(upcoming, then=Value(UPCOMING_SHOWN)), default=Value(CHART_MEETINGS))
    rows = _with_participation(
        _meetings(community)
        .annotate(rank=rank, cut=limit)
        .filter(rank__lte=F("cut"))
        .order_by("start", "pk")
    )
    return (
        [meeting for meeting in rows if meeting.start >= now],
        [meeting for meeting in rows if meeting.start < now][::-1],
    )


def _people_and_area(community: CommunityPage, request) -> tuple[int, list, list]:
    """The number of active members, the coordinators and the regions' names, in one query
    (a row per coordinator and region, at least one). A preview shows the regions being
    edited."""
    active = CommunityMembership.objects.filter(
        community=community, status=CommunityMembership.Status.ACTIVE
    )
    rows = (
        CommunityPage.objects.filter(pk=community.pk)
        .annotate(
            member_total=count_of(active),
            coordinator=FilteredRelation(
                "memberships",
                condition=Q(
                    memberships__status=CommunityMembership.Status.ACTIVE,
                    memberships__role=CommunityMembership.Role.COORDINATOR,
                ),
            ),
        )
        .values_list(
            "member_total",
            "coordinator__user_id",
            "coordinator__user__full_name",
            "coordinator__user__email",
            "regions__name",
        )
        .order_by("coordinator__pk", "regions__name")
    )
    member_total, coordinators, regions = 0, {}, {}
    for total, user_id, full_name, email, region in rows:
        member_total = total
        if user_id is not None:
            coordinators.setdefault(user_id, User(pk=user_id, full_name=full_name, email=email))
        if region is not None:
            regions.setdefault(region, region)
    if getattr(request, "is_preview", False) or not rows:
        regions = {region.name: region.name for region in community.regions.all()}
    return member_total, list(coordinators.values()), list(regions)


def community_context(request, community: CommunityPage) -> dict:
    access = services.access_for(request.user, community)
    can_read = services.can_read_discussions(access, community)
    # Each list is cut in SQL: the page costs the same with 5 meetings or 500.
    now = timezone.now()
    upcoming, latest = _meetings_around_now(community, now)
    if len(latest) < CHART_MEETINGS:
        # Every past meeting is here already: the list pages it without asking again.
        past_page = paginate(latest, request, PAST_PER_PAGE)
    else:
        past = _meetings(community).filter(start__lt=now).order_by("-start", "-pk")
        past_page = paginate(past, request, PAST_PER_PAGE)
        past_page.object_list = _with_participation(past_page.object_list)
    rows = participation_rows(latest[::-1])
    member_count, coordinators, regions = _people_and_area(community, request)
    context = {
        "access": access,
        "can_read": can_read,
        "upcoming_meetings": upcoming,
        "past_meetings": past_page.object_list,
        "page_obj": past_page,
        "chart": participation_chart(rows),
        "chart_rows": rows,
        "member_count": member_count,
        "coordinators": coordinators,
        "regions": regions,
        "recent_topics": list(
            community.topics.select_related("author").order_by("-last_post_at")[:5]
        )
        if can_read
        else [],
    }
    if access.is_coordinator:
        context["pending_requests"] = list(
            CommunityMembership.objects.filter(
                community=community, status=CommunityMembership.Status.PENDING
            ).select_related("user")
        )
    if request.user.is_authenticated and (access.is_member or access.is_coordinator):
        follow = Follow.objects.filter(
            user=request.user, community=community, topic__isnull=True
        ).first()
        context["follow_form"] = FollowForm(
            initial={"level": follow.level if follow else FollowLevel.NORMAL}
        )
    return context


def member_directory(request, community):
    if (response := _require_login(request)) is not None:
        return response
    access = services.access_for(request.user, community)
    if not (access.is_member or access.is_coordinator):
        return _deny(
            request,
            community,
            CommunityDenied(_("The list of members is visible to the members of the community.")),
        )
    from members.models import Membership

    memberships = paginate(
        CommunityMembership.objects.filter(
            community=community, status=CommunityMembership.Status.ACTIVE
        )
        .select_related("user")
        .prefetch_related(
            Prefetch(
                "user__memberships",
                queryset=Membership.objects.filter(
                    status=Membership.Status.CONFIRMED
                ).select_related("organisation"),
                to_attr="confirmed_memberships",
            )
        )
        .order_by("-role", "user__full_name"),
        request,
        50,
    )
    return render(
        request,
        "communities/community/members.html",
        {
            "page": community,
            "community": community,
            "page_obj": memberships,
            "access": access,
        },
    )


@community_action()
def join(request, community):
    membership = services.join_community(request.user, community)
    if membership.status == CommunityMembership.Status.ACTIVE:
        messages.success(request, _("Welcome: you are now a member of the community."))
    else:
        messages.info(request, _("Your request has been sent: a coordinator will approve it."))
    return redirect(community.url)


@community_action()
def leave(request, community):
    services.leave_community(request.user, community)
    messages.success(request, _("You have left the community."))
    return redirect(community.url)


@community_action(coordinators_only=True)
def decide_membership(request, community, membership_id):
    membership = CommunityMembership.objects.filter(pk=membership_id, community=community).first()
    if membership is None:
        raise Http404(_("This request does not exist in this community."))
    data = _valid(DecisionForm(request.POST), _("Choose approve or decline."))
    services.approve_community_member(
        membership, approve=data["action"] == "approve", actor=request.user
    )
    messages.success(request, _("Decision recorded."))
    return redirect(community.url)


@community_action(coordinators_only=True)
def change_role(request, community, membership_id):
    membership = CommunityMembership.objects.filter(pk=membership_id, community=community).first()
    if membership is None:
        raise Http404(_("This member does not exist in this community."))
    data = _valid(RoleForm(request.POST), _("Choose a role."))
    services.set_community_role(membership, data["role"], actor=request.user)
    messages.success(request, _("The role has been changed."))
    return redirect(community.subpage_url("members"))


@community_action()
def follow_community(request, community):
    services.check_can_post(request.user, community)
    data = _valid(FollowForm(request.POST), _("Choose a notification level."))
    discussions.set_follow_level(request.user, community, data["level"])
    messages.success(request, _("Your notification settings have been saved."))
    return redirect(community.url)


def meetings_ics(request, community):
    items = [
        CalendarItem(
            uid=f"meeting-{meeting.pk}",
            title=meeting.title,
            start=meeting.start,
            end=meeting.end,
            url=absolute_url(meeting.url),
            location=meeting.location_text(),
        )
        for meeting in meetings_of(community)
    ]
    response = HttpResponse(
        build_ics(items, community.title), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{community.slug}.ics"'
    return response


# -- Discussions ---------------------------------------------------------------------------
