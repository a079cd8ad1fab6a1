"""Views of a community's discussions, routed by ``CommunityPage``: topics, replies, editing,
hiding, locking, following, and the unsubscribe links of notification e-mails."""

from django.contrib import messages
from django.core import signing
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from communities import discussions, services
from communities.forms import (
    EditPostForm,
    FollowForm,
    HidePostForm,
    LockForm,
    PostForm,
    TopicForm,
)
from communities.models import (
    CommunityPage,
    Post,
)
from communities.services import CommunityDenied
from communities.views import (
    POSTS_PER_PAGE,
    TOPICS_PER_PAGE,
    _deny,
    _post_or_404,
    _require_login,
    _topic_or_404,
    _valid,
    community_action,
)
from core.pagination import paginate


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
                topic = discussions.create_topic(
                    community,
                    form.cleaned_data["title"],
                    form.cleaned_data["body"],
                    actor=request.user,
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
            discussions.check_can_reply(request.user, topic)
        except CommunityDenied as error:
            return _deny(request, community, error)
        form = PostForm(request.POST)
        if form.is_valid():
            quoted = None
            if form.cleaned_data.get("quote"):
                quoted = Post.objects.filter(pk=form.cleaned_data["quote"], topic=topic).first()
            try:
                post = discussions.reply_to_topic(
                    topic, form.cleaned_data["body"], quoted=quoted, actor=request.user
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
                initial = {"body": discussions.quote_markdown(quoted), "quote": quoted.pk}
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
        post.editable = discussions.can_edit(post, request.user, now)
    follow_level = None
    if request.user.is_authenticated and can_post:
        follow_level = discussions.follow_level(request.user, topic)
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
    discussions.set_follow_level(request.user, community, data["level"], topic)
    messages.success(request, _("Your notification settings have been saved."))
    return redirect(community.subpage_url("topic", topic.pk))


@community_action()
def lock_topic(request, community, topic_id):
    topic = _topic_or_404(community, topic_id)
    data = _valid(LockForm(request.POST), _("Choose lock or unlock."))
    discussions.lock_topic(topic, locked=data["action"] == "lock", actor=request.user)
    messages.success(
        request, _("The discussion is locked.") if topic.locked else _("The discussion is open.")
    )
    return redirect(community.subpage_url("topic", topic.pk))


def post_edit(request, community, post_id):
    if (response := _require_login(request)) is not None:
        return response
    post = _post_or_404(community, post_id)
    if not discussions.can_edit(post, request.user):
        return _deny(
            request,
            community,
            CommunityDenied(
                _(
                    "You cannot edit this message: only its author can, within %(minutes)s "
                    "minutes, while the discussion is open."
                )
                % {"minutes": int(discussions.EDIT_WINDOW.total_seconds() // 60)}
            ),
        )
    form = EditPostForm(request.POST or None, initial={"body": post.body})
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                discussions.edit_post(post, form.cleaned_data["body"], actor=request.user)
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
    discussions.hide_post(post, data["reason"], hidden=data["action"] == "hide", actor=request.user)
    messages.success(
        request,
        _("The message is hidden.") if post.hidden else _("The message is visible again."),
    )
    return redirect(community.subpage_url("topic", post.topic_id) + f"#post-{post.pk}")


def unsubscribe(request, community, token):
    """Confirmation page of the link in an e-mail (the POST mutes; GET never changes)."""
    try:
        user, topic = discussions.read_unsubscribe_token(token, community)
    except CommunityDenied as error:
        return _deny(request, community, error)
    done = False
    if request.method == "POST":
        discussions.unsubscribe(token, community)
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
        community_id = signing.loads(token, salt=discussions.UNSUBSCRIBE_SALT).get("c")
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
