"""Discussions of a community: topics, posts (Markdown, sanitised), quoting, editing, hiding,
locking, follow levels and the e-mail notifications they cause. Reading and posting rights
come from ``communities.services``."""

from __future__ import annotations

import logging
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
from django_tasks import task

from communities.models import (
    CommunityMembership,
    CommunityPage,
    Follow,
    FollowLevel,
    Post,
    Topic,
)
from communities.services import (
    Access,
    CommunityDenied,
    check_can_post,
    check_coordinator,
)
from core.indexing import schedule_update
from core.tasks import enqueue_on_commit, retry_later
from members.models import User

logger = logging.getLogger(__name__)

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
def create_topic(community: CommunityPage, title: str, body: str, *, actor: User) -> Topic:
    """Open a discussion with its first message; the author then watches it."""
    check_can_post(actor, community)
    body = _clean_body(body)
    title = " ".join((title or "").split())[:200]
    if not title:
        raise CommunityDenied(_("The discussion needs a title."), status=400)
    now = timezone.now()
    topic = Topic.objects.create(
        community=community, title=title, author=actor, last_post_at=now, post_count=1
    )
    post = Post.objects.create(
        topic=topic, author=actor, body=body, body_html=render_markdown(body)
    )
    Follow.objects.get_or_create(
        user=actor, community=community, topic=topic, defaults={"level": FollowLevel.WATCHING}
    )
    enqueue_on_commit(send_new_post_notifications, post.pk)
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
def reply_to_topic(topic: Topic, body: str, *, actor: User, quoted: Post | None = None) -> Post:
    """Add a reply; refused in a locked discussion or for non-members."""
    topic = Topic.objects.select_for_update().select_related("community").get(pk=topic.pk)
    check_can_reply(actor, topic)
    body = _clean_body(body)
    if quoted is not None and (quoted.topic_id != topic.pk or quoted.hidden):
        quoted = None
    post = Post.objects.create(
        topic=topic, author=actor, body=body, body_html=render_markdown(body), quoted=quoted
    )
    Topic.objects.filter(pk=topic.pk).update(
        last_post_at=post.created_at, post_count=F("post_count") + 1
    )
    enqueue_on_commit(send_new_post_notifications, post.pk)
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
def edit_post(post: Post, body: str, *, actor: User) -> Post:
    """The author corrects her message within the edit window."""
    post = Post.objects.select_for_update().select_related("topic").get(pk=post.pk)
    if post.author_id != actor.pk:
        raise CommunityDenied(_("You can edit only your own messages."))
    if not can_edit(post, actor):
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
def hide_post(post: Post, reason: str, hidden: bool = True, *, actor: User) -> Post:
    """A coordinator hides a message with a reason shown in its place (or shows it again)."""
    check_coordinator(actor, post.topic.community)
    reason = " ".join((reason or "").split())[:300]
    if hidden and not reason:
        raise CommunityDenied(_("Say why the message is hidden."), status=400)
    post.hidden = hidden
    post.hidden_reason = reason if hidden else ""
    post.hidden_by = actor if hidden else None
    post.save(update_fields=["hidden", "hidden_reason", "hidden_by"])
    _reindex_after_commit(post.topic_id)
    return post


def lock_topic(topic: Topic, locked: bool = True, *, actor: User) -> Topic:
    """A coordinator closes a discussion to new replies (or opens it again)."""
    check_coordinator(actor, topic.community)
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


@task()
def send_new_post_notifications(post_id: int) -> int:
    """The followers' e-mails of a new message, as tasks of the queue (enqueued once the
    message commits): one task per follower, so the request never waits for the mail server
    and a refused e-mail is retried for that person alone, never sent twice to the others."""
    post = Post.objects.select_related("topic__community").filter(pk=post_id, hidden=False).first()
    if post is None:
        return 0
    recipients = [user.pk for user in recipients_for(post)]
    for user_id in recipients:
        send_new_post_email.enqueue(post_id, user_id)
    return len(recipients)


@task()
def send_new_post_email(post_id: int, user_id: int, attempt: int = 1) -> bool:
    """One follower's e-mail of a new message; retried with backoff while SMTP refuses."""
    post = (
        Post.objects.select_related("topic__community", "author", "quoted")
        .filter(pk=post_id, hidden=False)
        .first()
    )
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if post is None or user is None:
        return False  # hidden or deleted meanwhile: nothing to tell
    try:
        _new_post_message(post, user).send()
    except Exception:
        if not retry_later(send_new_post_email, post_id, user_id, attempt=attempt):
            logger.exception("new-post e-mail to user %s given up", user_id)
            raise
        logger.warning("new-post e-mail to user %s refused (attempt %d)", user_id, attempt)
        return False
    return True


def _new_post_message(post: Post, user: User) -> EmailMultiAlternatives:
    """The e-mail telling ``user`` of ``post``, in her language, with a one-click unsubscribe."""
    topic = post.topic
    community = topic.community
    topic_url = _absolute(community.subpage_url("topic", topic.pk)) + f"#post-{post.pk}"
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
    return message
