"""The communities app's parts of the personal-data registry (``members.privacy``): community
memberships, the discussions and messages a person wrote, what she follows, and what she did
as a coordinator or moderator. Registered in ``communities.apps.CommunitiesConfig.ready``.

Erasure keeps the discussions readable: her topics and messages stay, shown as written by "a
former member" (the author link goes), and her name and e-mail address are replaced where she
typed them in her own titles and messages (what others wrote about her cannot all be found).
"""

import re

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from communities.discussions import render_markdown
from communities.models import CommunityMembership, Follow, Post, Topic
from members.models import User
from members.privacy import register_personal_data

FORMER_MEMBER = "[ex membro]"


def export_community_memberships(user: User) -> list[dict]:
    return [
        {
            "community": membership.community.title,
            "role": membership.role,
            "status": membership.status,
            "requested_at": membership.created_at,
            "decided_at": membership.decided_at,
        }
        for membership in CommunityMembership.objects.filter(user=user)
        .select_related("community")
        .order_by("created_at", "pk")
    ]


def export_discussions(user: User) -> dict:
    return {
        "topics": [
            {"community": t.community.title, "title": t.title, "created_at": t.created_at}
            for t in Topic.objects.filter(author=user).select_related("community")
        ],
        "posts": [
            {
                "topic": p.topic.title,
                "text": p.body,
                "written_at": p.created_at,
                "edited_at": p.edited_at,
                "hidden": p.hidden,
            }
            for p in Post.objects.filter(author=user).select_related("topic")
        ],
        "posts_hidden_as_moderator": Post.objects.filter(hidden_by=user).count(),
    }


def export_follows(user: User) -> list[dict]:
    return [
        {
            "community": follow.community.title,
            "topic": follow.topic.title if follow.topic_id else None,
            "level": follow.level,
        }
        for follow in Follow.objects.filter(user=user).select_related("community", "topic")
    ]


def _identity_pattern(user: User) -> re.Pattern | None:
    words = [w for w in (user.full_name.strip(), user.email.strip()) if len(w) >= 3]
    if not words:
        return None
    return re.compile("|".join(re.escape(w) for w in words), re.IGNORECASE)


def anonymise_discussions(user: User) -> None:
    """Her own titles and messages lose her name and address; then the author links go."""
    pattern = _identity_pattern(user)
    if pattern is not None:
        for topic in Topic.objects.filter(author=user):
            title = pattern.sub(FORMER_MEMBER, topic.title)
            if title != topic.title:
                Topic.objects.filter(pk=topic.pk).update(title=title)
        for post in Post.objects.filter(author=user):
            body = pattern.sub(FORMER_MEMBER, post.body)
            if body != post.body:
                Post.objects.filter(pk=post.pk).update(body=body, body_html=render_markdown(body))
    Topic.objects.filter(author=user).update(author=None)
    Post.objects.filter(Q(author=user)).update(author=None)
    Post.objects.filter(hidden_by=user).update(hidden_by=None)


def anonymise_community_decisions(user: User) -> None:
    CommunityMembership.objects.filter(decided_by=user).update(decided_by=None)


def register() -> None:
    register_personal_data(
        "community_memberships",
        export_community_memberships,
        anonymise_community_decisions,
        covers=[
            "communities.CommunityMembership.user",
            "communities.CommunityMembership.decided_by",
        ],
        kept=_(
            "Requests to join a community that you decided as coordinator stay, without your name."
        ),
    )
    register_personal_data(
        "discussions",
        export_discussions,
        anonymise_discussions,
        covers=[
            "communities.Topic.author",
            "communities.Post.author",
            "communities.Post.hidden_by",
        ],
        kept=_(
            'Your discussions and messages stay in their community, signed "a former member"; '
            "your name and e-mail address are removed where you typed them."
        ),
    )
    register_personal_data("follows", export_follows, covers=["communities.Follow.user"])
