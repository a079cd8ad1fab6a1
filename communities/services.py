"""Use cases of communities and their discussions: join, leave, approve, write, moderate, follow.

Every rule is checked here, so views, commands and tests share it. A refused action raises
``CommunityDenied`` with a message for the person; nothing is stored.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

import markdown as markdown_lib
import nh3
from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from communities.models import (
    CommunityMembership,
    CommunityPage,
    Follow,
    FollowLevel,
    Post,
    Topic,
)
from core.indexing import schedule_update
from members.models import User
from members.permissions import can_view_page, is_platform_staff

#: How long after writing a person may still edit her message.
EDIT_WINDOW = timedelta(minutes=30)
#: Longest message accepted, in characters of Markdown.
MAX_POST_LENGTH = 20_000
UNSUBSCRIBE_SALT = "members.community.unsubscribe"

ALLOWED_TAGS = {
    "p", "br", "hr", "strong", "em", "b", "i", "code", "pre", "blockquote",
    "ul", "ol", "li", "a", "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}


class CommunityDenied(Exception):
    """An action the person may not take; ``message`` says why, in her language."""

    def __init__(self, message: str, status: int = 403):
        super().__init__(message)
        self.message = message
        self.status = status


# -- Reading rights ------------------------------------------------------------------------


@dataclass(frozen=True)
class Access:
    """What one person may do in one community (computed once per request)."""

    membership: CommunityMembership | None
    is_staff: bool

    @property
    def is_member(self) -> bool:
        return self.membership is not None and self.membership.is_active

    @property
    def is_pending(self) -> bool:
        return (
            self.membership is not None
            and self.membership.status == CommunityMembership.Status.PENDING
        )

    @property
    def is_coordinator(self) -> bool:
        return self.is_staff or (self.membership is not None and self.membership.is_coordinator)

    @property
    def takes_part(self) -> bool:
        """Members and coordinators take part: they register for the community's meetings and
        see their video links."""
        return self.is_member or self.is_coordinator


def access_for(user, community: CommunityPage) -> Access:
    if not user.is_authenticated:
        return Access(None, False)
    membership = CommunityMembership.objects.filter(community=community, user=user).first()
    return Access(membership, is_platform_staff(user))


def can_read_discussions(access: Access, community: CommunityPage) -> bool:
    if community.discussion_visibility == CommunityPage.Visibility.PUBLIC:
        return True
    return access.is_member or access.is_coordinator


def can_view_discussions(user, community: CommunityPage, request=None) -> bool:
    """May this person read the discussions of ``community``? The page must be visible to them
    (``members.permissions.can_view_page``), and members-only discussions are for members,
    coordinators and staff. Search and the community's views both ask this."""
    if not can_view_page(user, community, request):
        return False
    return can_read_discussions(access_for(user, community), community)


def takes_part_in_community(user, community: CommunityPage) -> bool:
    """The one rule the meeting page, its button and its calendar use (``Access.takes_part``)."""
    return access_for(user, community).takes_part


def check_can_read(user, community: CommunityPage) -> Access:
    access = access_for(user, community)
    if not can_read_discussions(access, community):
        if not user.is_authenticated:
            raise CommunityDenied(
                _(
                    "The discussions of this community are reserved to its members. "
                    "Sign in and join the community to read them."
                )
            )
        raise CommunityDenied(
            _("The discussions of this community are reserved to its members. Join it first.")
        )
    return access


def check_can_post(user, community: CommunityPage) -> Access:
    access = access_for(user, community)
    if not (access.is_member or access.is_coordinator):
        raise CommunityDenied(_("Only members of the community can write in its discussions."))
    return access


def check_coordinator(user, community: CommunityPage) -> Access:
    access = access_for(user, community)
    if not access.is_coordinator:
        raise CommunityDenied(_("Only the coordinators of the community can do this."))
    return access


# -- Membership ----------------------------------------------------------------------------


@transaction.atomic
def join_community(user: User, community: CommunityPage) -> CommunityMembership:
    """Join at once (open community) or ask to join (by request). Joining twice is harmless."""
    membership, created = CommunityMembership.objects.select_for_update().get_or_create(
        community=community, user=user
    )
    if not created and membership.status in (
        CommunityMembership.Status.ACTIVE,
        CommunityMembership.Status.PENDING,
    ):
        return membership
    if community.membership_mode == CommunityPage.MembershipMode.OPEN:
        membership.status = CommunityMembership.Status.ACTIVE
        membership.decided_at = timezone.now()
    else:
        membership.status = CommunityMembership.Status.PENDING
        membership.decided_at = None
    membership.decided_by = None
    membership.save()
    return membership


@transaction.atomic
def leave_community(user: User, community: CommunityPage) -> CommunityMembership | None:
    """Leave (or withdraw a request). The last coordinator cannot leave a community alone."""
    membership = (
        CommunityMembership.objects.select_for_update()
        .filter(community=community, user=user)
        .first()
    )
    if membership is None or membership.status not in (
        CommunityMembership.Status.ACTIVE,
        CommunityMembership.Status.PENDING,
    ):
        return membership
    if membership.is_coordinator:
        others = (
            CommunityMembership.objects.filter(
                community=community,
                role=CommunityMembership.Role.COORDINATOR,
                status=CommunityMembership.Status.ACTIVE,
            )
            .exclude(pk=membership.pk)
            .exists()
        )
        if not others:
            raise CommunityDenied(
                _("You are the only coordinator: name another coordinator before leaving."),
                status=409,
            )
    membership.status = CommunityMembership.Status.LEFT
    membership.role = CommunityMembership.Role.MEMBER
    membership.save(update_fields=["status", "role"])
    return membership


@transaction.atomic
def approve_community_member(
    membership: CommunityMembership, by: User, approve: bool = True
) -> CommunityMembership:
    """A coordinator accepts (or declines) a pending request to join."""
    check_coordinator(by, membership.community)
    membership = CommunityMembership.objects.select_for_update().get(pk=membership.pk)
    if membership.status != CommunityMembership.Status.PENDING:
        raise CommunityDenied(_("This request has already been decided."), status=409)
    membership.status = (
        CommunityMembership.Status.ACTIVE if approve else CommunityMembership.Status.DECLINED
    )
    membership.decided_at = timezone.now()
    membership.decided_by = by
    membership.save(update_fields=["status", "decided_at", "decided_by"])
    return membership


@transaction.atomic
def set_community_role(membership: CommunityMembership, by: User, role: str) -> CommunityMembership:
    """A coordinator (or platform staff) names another active member coordinator, or makes a
    coordinator a plain member again; a community always keeps at least one coordinator."""
    check_coordinator(by, membership.community)
    if role not in CommunityMembership.Role.values:
        raise CommunityDenied(_("Unknown role."), status=400)
    membership = CommunityMembership.objects.select_for_update().get(pk=membership.pk)
    if membership.status != CommunityMembership.Status.ACTIVE:
        raise CommunityDenied(_("Only active members can be given a role."), status=409)
    if role == CommunityMembership.Role.MEMBER and membership.is_coordinator:
        others = (
            CommunityMembership.objects.filter(
                community_id=membership.community_id,
                role=CommunityMembership.Role.COORDINATOR,
                status=CommunityMembership.Status.ACTIVE,
            )
            .exclude(pk=membership.pk)
            .exists()
        )
        if not others:
            raise CommunityDenied(_("A community needs at least one coordinator."), status=409)
    membership.role = role
    membership.save(update_fields=["role"])
    return membership


def make_coordinator(community: CommunityPage, user: User) -> CommunityMembership:
    """Platform staff (admin, demo, tests) names a coordinator: an active member with the role."""
    membership, _created = CommunityMembership.objects.update_or_create(
        community=community,
        user=user,
        defaults={
            "status": CommunityMembership.Status.ACTIVE,
            "role": CommunityMembership.Role.COORDINATOR,
            "decided_at": timezone.now(),
        },
    )
    return membership


# -- Text ----------------------------------------------------------------------------------


def render_markdown(text: str) -> str:
    """Markdown to HTML, then sanitised: a safe subset of tags, no scripts, no event handlers,
    links only to http(s)/mailto and marked as external."""
    html = markdown_lib.markdown(text, extensions=["tables", "fenced_code", "sane_lists"])
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="nofollow noopener noreferrer",
    )


def _clean_body(body: str) -> str:
    body = (body or "").replace("\x00", "").strip()
    if not body:
        raise CommunityDenied(_("The message is empty."), status=400)
    if len(body) > MAX_POST_LENGTH:
        raise CommunityDenied(
            _("The message is too long: at most %(max)s characters.") % {"max": MAX_POST_LENGTH},
            status=400,
        )
    return body


def quote_markdown(post: Post) -> str:
    """The Markdown that starts a reply quoting ``post``."""
    name = str(post.author) if post.author else _("a former member")
    lines = "\n".join(f"> {line}" for line in post.body.splitlines())
    return _("%(name)s wrote:") % {"name": name} + "\n" + lines + "\n\n"


# -- Discussions ---------------------------------------------------------------------------


def _reindex_after_commit(topic_id: int) -> None:
    """Public discussions are searchable: tell the index once the change commits."""
    topic = Topic.objects.filter(pk=topic_id).select_related("community").first()
    if topic is not None:
        schedule_update(topic)


@transaction.atomic
def create_topic(community: CommunityPage, author: User, title: str, body: str) -> Topic:
    """Open a discussion with its first message; the author then watches it."""
    check_can_post(author, community)
    body = _clean_body(body)
    title = " ".join((title or "").split())[:200]
    if not title:
        raise CommunityDenied(_("The discussion needs a title."), status=400)
    now = timezone.now()
    topic = Topic.objects.create(
        community=community, title=title, author=author, last_post_at=now, post_count=1
    )
    post = Post.objects.create(
        topic=topic, author=author, body=body, body_html=render_markdown(body)
    )
    Follow.objects.get_or_create(
        user=author, community=community, topic=topic, defaults={"level": FollowLevel.WATCHING}
    )
    transaction.on_commit(lambda: notify_new_post(post.pk))
    _reindex_after_commit(topic.pk)
    return topic


def check_can_reply(user, topic: Topic) -> Access:
    access = check_can_post(user, topic.community)
    if topic.locked:
        raise CommunityDenied(
            _("This discussion is closed: a coordinator has locked it, no new replies.")
        )
    return access


@transaction.atomic
def reply_to_topic(topic: Topic, author: User, body: str, quoted: Post | None = None) -> Post:
    """Add a reply; refused in a locked discussion or for non-members."""
    topic = Topic.objects.select_for_update().select_related("community").get(pk=topic.pk)
    check_can_reply(author, topic)
    body = _clean_body(body)
    if quoted is not None and (quoted.topic_id != topic.pk or quoted.hidden):
        quoted = None
    post = Post.objects.create(
        topic=topic, author=author, body=body, body_html=render_markdown(body), quoted=quoted
    )
    Topic.objects.filter(pk=topic.pk).update(
        last_post_at=post.created_at, post_count=F("post_count") + 1
    )
    transaction.on_commit(lambda: notify_new_post(post.pk))
    _reindex_after_commit(topic.pk)
    return post


def can_edit(post: Post, user, now=None) -> bool:
    now = now or timezone.now()
    return (
        user.is_authenticated
        and post.author_id == user.pk
        and not post.hidden
        and not post.topic.locked
        and now - post.created_at <= EDIT_WINDOW
    )


@transaction.atomic
def edit_post(post: Post, editor: User, body: str) -> Post:
    """The author corrects her message within the edit window."""
    post = Post.objects.select_for_update().select_related("topic").get(pk=post.pk)
    if post.author_id != editor.pk:
        raise CommunityDenied(_("You can edit only your own messages."))
    if not can_edit(post, editor):
        raise CommunityDenied(
            _("This message can no longer be edited: editing is possible for %(minutes)s minutes.")
            % {"minutes": int(EDIT_WINDOW.total_seconds() // 60)}
        )
    post.body = _clean_body(body)
    post.body_html = render_markdown(post.body)
    post.edited_at = timezone.now()
    post.save(update_fields=["body", "body_html", "edited_at"])
    _reindex_after_commit(post.topic_id)
    return post


@transaction.atomic
def hide_post(post: Post, by: User, reason: str, hidden: bool = True) -> Post:
    """A coordinator hides a message with a reason shown in its place (or shows it again)."""
    check_coordinator(by, post.topic.community)
    reason = " ".join((reason or "").split())[:300]
    if hidden and not reason:
        raise CommunityDenied(_("Say why the message is hidden."), status=400)
    post.hidden = hidden
    post.hidden_reason = reason if hidden else ""
    post.hidden_by = by if hidden else None
    post.save(update_fields=["hidden", "hidden_reason", "hidden_by"])
    _reindex_after_commit(post.topic_id)
    return post


def lock_topic(topic: Topic, by: User, locked: bool = True) -> Topic:
    """A coordinator closes a discussion to new replies (or opens it again)."""
    check_coordinator(by, topic.community)
    Topic.objects.filter(pk=topic.pk).update(locked=locked)
    topic.locked = locked
    return topic


# -- Following and notifications -----------------------------------------------------------


def set_follow_level(
    user: User, community: CommunityPage, level: str, topic: Topic | None = None
) -> Follow:
    if level not in FollowLevel.values:
        raise CommunityDenied(_("Unknown follow level."), status=400)
    follow, _created = Follow.objects.update_or_create(
        user=user, community=community, topic=topic, defaults={"level": level}
    )
    return follow


def follow_level(user: User, topic: Topic) -> str:
    """The level that applies: the topic's own setting, else the community's, else normal."""
    levels = {
        f.topic_id: f.level
        for f in Follow.objects.filter(user=user, community_id=topic.community_id).filter(
            models_q_topic(topic)
        )
    }
    return levels.get(topic.pk) or levels.get(None) or FollowLevel.NORMAL


def models_q_topic(topic: Topic):
    from django.db.models import Q

    return Q(topic=topic) | Q(topic__isnull=True)


def recipients_for(post: Post) -> list[User]:
    """Who gets an e-mail for a new message: people who can read the community, minus the
    author; "watching" (topic, else community) always, "normal" when quoted, "muted" never."""
    topic = post.topic
    community = topic.community
    follows = Follow.objects.filter(community=community).filter(models_q_topic(topic))
    topic_level: dict[int, str] = {}
    community_level: dict[int, str] = {}
    for follow in follows:
        (topic_level if follow.topic_id else community_level)[follow.user_id] = follow.level
    quoted_author = post.quoted.author_id if post.quoted_id and post.quoted else None
    candidates = set(topic_level) | set(community_level)
    if quoted_author:
        candidates.add(quoted_author)
    chosen = []
    for user_id in candidates:
        level = topic_level.get(user_id) or community_level.get(user_id) or FollowLevel.NORMAL
        if level == FollowLevel.WATCHING or (
            level == FollowLevel.NORMAL and user_id == quoted_author
        ):
            chosen.append(user_id)
    users = User.objects.filter(pk__in=chosen, is_active=True).exclude(pk=post.author_id)
    # The profile's switch for community e-mails turns all of them off.
    users = users.filter(notify_communities=True)
    if community.discussion_visibility == CommunityPage.Visibility.MEMBERS:
        users = users.filter(
            community_memberships__community=community,
            community_memberships__status=CommunityMembership.Status.ACTIVE,
        )
    return list(users.order_by("pk"))


def unsubscribe_token(user: User, community: CommunityPage, topic: Topic | None) -> str:
    return signing.dumps(
        {"u": user.pk, "c": community.pk, "t": topic.pk if topic else None},
        salt=UNSUBSCRIBE_SALT,
        compress=True,
    )


def read_unsubscribe_token(token: str, community: CommunityPage) -> tuple[User, Topic | None]:
    try:
        data = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature as error:
        raise CommunityDenied(_("This unsubscribe link is not valid."), status=400) from error
    if data.get("c") != community.pk:
        raise CommunityDenied(_("This unsubscribe link is not valid."), status=400)
    user = User.objects.filter(pk=data.get("u")).first()
    if user is None:
        raise CommunityDenied(_("This unsubscribe link is not valid."), status=400)
    topic = None
    if data.get("t"):
        topic = Topic.objects.filter(pk=data["t"], community=community).first()
    return user, topic


def unsubscribe(token: str, community: CommunityPage) -> tuple[User, Topic | None]:
    """One click in an e-mail: mute the discussion (or the community) the e-mail was about."""
    user, topic = read_unsubscribe_token(token, community)
    set_follow_level(user, community, FollowLevel.MUTED, topic)
    return user, topic


def _absolute(url: str) -> str:
    if url.startswith("http"):
        return url
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + url


def notify_new_post(post_id: int) -> int:
    """E-mail the followers of a new message (called after the transaction commits)."""
    post = (
        Post.objects.select_related("topic__community", "author", "quoted")
        .filter(pk=post_id, hidden=False)
        .first()
    )
    if post is None:
        return 0
    topic = post.topic
    community = topic.community
    sent = 0
    topic_url = _absolute(community.subpage_url("topic", topic.pk)) + f"#post-{post.pk}"
    for user in recipients_for(post):
        language = getattr(user, "preferred_language", "") or settings.LANGUAGE_CODE
        with translation.override(language):
            unsubscribe_url = _absolute(
                reverse("community_unsubscribe", args=[unsubscribe_token(user, community, topic)])
            )
            context = {
                "post": post,
                "topic": topic,
                "community": community,
                "recipient": user,
                "topic_url": topic_url,
                "unsubscribe_url": unsubscribe_url,
            }
            subject = _("[%(community)s] %(title)s") % {
                "community": community.title,
                "title": topic.title,
            }
            message = EmailMultiAlternatives(
                subject=subject,
                body=render_to_string("communities/community/email/new_post.txt", context),
                to=[user.email],
                headers={
                    "List-Unsubscribe": f"<{unsubscribe_url}>",
                    "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
                },
            )
            message.attach_alternative(
                render_to_string("communities/community/email/new_post.html", context), "text/html"
            )
            message.send(fail_silently=True)
            sent += 1
    return sent
