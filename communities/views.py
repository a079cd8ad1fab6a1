"""Views of a community, routed by ``CommunityPage`` (see its ``@path`` routes).

Thin: parse the input with a form, check access through ``services_community``, call a
service, render. A refused action renders a clear message with a 4xx and stores nothing.
"""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core import signing
from django.db.models import Count, Prefetch
from django.http import Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from communities import services
from communities.chart import build_chart
from communities.forms import (
    DecisionForm,
    EditPostForm,
    FollowForm,
    HidePostForm,
    LockForm,
    PostForm,
    RoleForm,
    TopicForm,
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
from core.pagination import paginate

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


def meetings_of(community):
    """The community's live meeting pages, oldest first (``events.MeetingPage`` points here)."""
    related = getattr(community, "meetings", None)
    if related is None:
        return []
    from communities.services_meetings import with_attendance

    return list(
        with_attendance(related.live())
        .select_related("organisation")
        .annotate(organisation_total=Count("participating_organisations", distinct=True))
        .order_by("start")
    )


def participation_rows(meetings):
    rows = []
    for meeting in meetings:
        if meeting.start > timezone.now():
            continue
        people = meeting.people_count()
        organisations = (
            max(
                meeting.organisation_total,
                meeting.organisation_count or 0,
                meeting.attended_organisation_total,
            )
            or None
        )
        if people is None and organisations is None:
            continue
        label = timezone.localtime(meeting.start).strftime("%m/%y")
        rows.append((label, meeting.title, people, organisations))
    return rows


def community_context(request, community: CommunityPage) -> dict:
    access = services.access_for(request.user, community)
    can_read = services.can_read_discussions(access, community)
    meetings = meetings_of(community)
    now = timezone.now()
    upcoming = [m for m in meetings if m.start >= now]
    past = [m for m in meetings if m.start < now][::-1]
    rows = participation_rows(meetings)
    active = CommunityMembership.objects.filter(
        community=community, status=CommunityMembership.Status.ACTIVE
    )
    context = {
        "access": access,
        "can_read": can_read,
        "upcoming_meetings": upcoming[:5],
        "past_meetings": past,
        "chart": build_chart(rows),
        "chart_rows": rows,
        "member_count": active.count(),
        "coordinators": [
            m.user
            for m in active.filter(role=CommunityMembership.Role.COORDINATOR).select_related("user")
        ],
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
    services.approve_community_member(membership, request.user, approve=data["action"] == "approve")
    messages.success(request, _("Decision recorded."))
    return redirect(community.url)


@community_action(coordinators_only=True)
def change_role(request, community, membership_id):
    membership = CommunityMembership.objects.filter(pk=membership_id, community=community).first()
    if membership is None:
        raise Http404(_("This member does not exist in this community."))
    data = _valid(RoleForm(request.POST), _("Choose a role."))
    services.set_community_role(membership, request.user, data["role"])
    messages.success(request, _("The role has been changed."))
    return redirect(community.subpage_url("members"))


@community_action()
def follow_community(request, community):
    services.check_can_post(request.user, community)
    data = _valid(FollowForm(request.POST), _("Choose a notification level."))
    services.set_follow_level(request.user, community, data["level"])
    messages.success(request, _("Your notification settings have been saved."))
    return redirect(community.url)


def meetings_ics(request, community):
    from icalendar import Calendar, Event

    calendar = Calendar()
    calendar.add("prodid", "-//Scambi tra Comuni//community meetings//IT")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", community.title)
    for meeting in meetings_of(community):
        event = Event()
        event.add("uid", f"meeting-{meeting.pk}@scambi-tra-comuni")
        event.add("summary", meeting.title)
        event.add("dtstart", meeting.start)
        event.add("dtend", meeting.end or meeting.start)
        event.add("dtstamp", meeting.last_published_at or meeting.start)
        location = meeting.location_text()
        if location:
            event.add("location", location)
        event.add("url", request.build_absolute_uri(meeting.url))
        calendar.add_component(event)
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{community.slug}.ics"'
    return response


# -- Discussions ---------------------------------------------------------------------------


def topic_list(request, community):
    try:
        access = services.check_can_read(request.user, community)
    except CommunityDenied as error:
        return _deny(request, community, error)
    page_obj = paginate(
        community.topics.select_related("author").order_by("-last_post_at"),
        request,
        TOPICS_PER_PAGE,
    )
    return render(
        request,
        "communities/community/topic_list.html",
        {"page": community, "community": community, "access": access, "page_obj": page_obj},
    )


def topic_create(request, community):
    if (response := _require_login(request)) is not None:
        return response
    try:
        services.check_can_post(request.user, community)
    except CommunityDenied as error:
        return _deny(request, community, error)
    form = TopicForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                topic = services.create_topic(
                    community,
                    request.user,
                    form.cleaned_data["title"],
                    form.cleaned_data["body"],
                )
            except CommunityDenied as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, _("Your discussion has been opened."))
                return redirect(community.subpage_url("topic", topic.pk))
        status = 400
    return render(
        request,
        "communities/community/topic_form.html",
        {"page": community, "community": community, "form": form},
        status=status,
    )


def topic_detail(request, community, topic_id):
    try:
        access = services.check_can_read(request.user, community)
    except CommunityDenied as error:
        return _deny(request, community, error)
    topic = _topic_or_404(community, topic_id)
    can_post = access.is_member or access.is_coordinator
    form = None
    status = 200
    if request.method == "POST":
        if (response := _require_login(request)) is not None:
            return response
        try:
            services.check_can_reply(request.user, topic)
        except CommunityDenied as error:
            return _deny(request, community, error)
        form = PostForm(request.POST)
        if form.is_valid():
            quoted = None
            if form.cleaned_data.get("quote"):
                quoted = Post.objects.filter(pk=form.cleaned_data["quote"], topic=topic).first()
            try:
                post = services.reply_to_topic(
                    topic, request.user, form.cleaned_data["body"], quoted=quoted
                )
            except CommunityDenied as error:
                return _deny(request, community, error)
            messages.success(request, _("Your reply has been published."))
            return redirect(community.subpage_url("topic", topic.pk) + f"#post-{post.pk}")
        status = 400
    elif can_post and not topic.locked:
        initial = {}
        quote_id = request.GET.get("quote", "")
        if quote_id.isdigit():
            quoted = Post.objects.filter(pk=int(quote_id), topic=topic, hidden=False).first()
            if quoted is not None:
                initial = {"body": services.quote_markdown(quoted), "quote": quoted.pk}
        form = PostForm(initial=initial)
    page_obj = paginate(
        topic.posts.select_related("author", "quoted__author", "hidden_by"),
        request,
        POSTS_PER_PAGE,
    )
    now = timezone.now()
    posts = list(page_obj.object_list)
    for post in posts:
        post.topic = topic
        post.editable = services.can_edit(post, request.user, now)
    follow_level = None
    if request.user.is_authenticated and can_post:
        follow_level = services.follow_level(request.user, topic)
    return render(
        request,
        "communities/community/topic_detail.html",
        {
            "page": community,
            "community": community,
            "topic": topic,
            "access": access,
            "can_post": can_post,
            "page_obj": page_obj,
            "posts": posts,
            "form": form,
            "follow_form": FollowForm(initial={"level": follow_level}) if follow_level else None,
            "lock_form": LockForm(),
        },
        status=status,
    )


@community_action()
def follow_topic(request, community, topic_id):
    services.check_can_post(request.user, community)
    topic = _topic_or_404(community, topic_id)
    data = _valid(FollowForm(request.POST), _("Choose a notification level."))
    services.set_follow_level(request.user, community, data["level"], topic)
    messages.success(request, _("Your notification settings have been saved."))
    return redirect(community.subpage_url("topic", topic.pk))


@community_action()
def lock_topic(request, community, topic_id):
    topic = _topic_or_404(community, topic_id)
    data = _valid(LockForm(request.POST), _("Choose lock or unlock."))
    services.lock_topic(topic, request.user, locked=data["action"] == "lock")
    messages.success(
        request, _("The discussion is locked.") if topic.locked else _("The discussion is open.")
    )
    return redirect(community.subpage_url("topic", topic.pk))


def post_edit(request, community, post_id):
    if (response := _require_login(request)) is not None:
        return response
    post = _post_or_404(community, post_id)
    if not services.can_edit(post, request.user):
        return _deny(
            request,
            community,
            CommunityDenied(
                _(
                    "You cannot edit this message: only its author can, within %(minutes)s "
                    "minutes, while the discussion is open."
                )
                % {"minutes": int(services.EDIT_WINDOW.total_seconds() // 60)}
            ),
        )
    form = EditPostForm(request.POST or None, initial={"body": post.body})
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.edit_post(post, request.user, form.cleaned_data["body"])
            except CommunityDenied as error:
                return _deny(request, community, error)
            messages.success(request, _("Your message has been updated."))
            return redirect(community.subpage_url("topic", post.topic_id) + f"#post-{post.pk}")
        status = 400
    return render(
        request,
        "communities/community/post_form.html",
        {"page": community, "community": community, "form": form, "post": post},
        status=status,
    )


@community_action()
def post_hide(request, community, post_id):
    post = _post_or_404(community, post_id)
    data = _valid(HidePostForm(request.POST), _("Choose hide or show."))
    services.hide_post(post, request.user, data["reason"], hidden=data["action"] == "hide")
    messages.success(
        request,
        _("The message is hidden.") if post.hidden else _("The message is visible again."),
    )
    return redirect(community.subpage_url("topic", post.topic_id) + f"#post-{post.pk}")


def unsubscribe(request, community, token):
    """Confirmation page of the link in an e-mail (the POST mutes; GET never changes)."""
    try:
        user, topic = services.read_unsubscribe_token(token, community)
    except CommunityDenied as error:
        return _deny(request, community, error)
    done = False
    if request.method == "POST":
        services.unsubscribe(token, community)
        done = True
    return render(
        request,
        "communities/community/unsubscribe.html",
        {"page": community, "community": community, "topic": topic, "done": done},
    )


@csrf_exempt
def one_click_unsubscribe(request, token):
    """RFC 8058 one-click unsubscribe: mail programs POST here without a session or token.
    The signed token is the authorisation; a GET shows the confirmation page."""
    try:
        community_id = signing.loads(token, salt=services.UNSUBSCRIBE_SALT).get("c")
    except signing.BadSignature:
        community_id = None
    community = CommunityPage.objects.live().filter(pk=community_id).first()
    if community is None:
        return render(
            request,
            "communities/community/denied.html",
            {"message": _("This unsubscribe link is not valid.")},
            status=400,
        )
    return unsubscribe(request, community, token)
