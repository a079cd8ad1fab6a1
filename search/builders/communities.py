"""Builders of community meetings, public discussions and community pages."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from search.builders.base import (
    CHECKED_ATTR,
    MAX_BODY_CHARS,
    Builder,
    DocumentData,
    html_to_text,
    merge_facets,
    organisation_facets,
    owned_page_queryset,
    owner_of,
    page_is_searchable,
    register,
    stream_text,
)
from search.builders.sessions import (
    page_sessions,
    seats_left,
    sessions_prefetch,
)


@register
class MeetingPageBuilder(Builder):
    """A community meeting with its agenda and, once written, its minutes."""

    from communities.models import MeetingPage as model

    doc_type = "meeting"
    type_label = _("Meeting")
    specific = False

    def queryset(self) -> models.QuerySet:
        return owned_page_queryset(
            self,
            "community",
            prefetch=("community__regions", "participating_organisations", sessions_prefetch()),
        )

    def related(self, page) -> list:
        return [*owner_of(page), page.community]

    def free_seats(self, page) -> int | None:
        return seats_left(page_sessions(page), timezone.now())

    def build(self, page) -> DocumentData | None:
        from django.utils import timezone

        if not page_is_searchable(page):
            return None
        community = page.community
        regions = [(region.slug, region.name) for region in community.regions.all()]
        participants = [o.name for o in page.participating_organisations.all()]
        body = [
            html_to_text(page.agenda),
            page.place,
            stream_text(page.breakout_tables),
            stream_text(page.decisions),
            " ".join(participants),
            community.title,
            page.organisation.name if page.organisation_id else "",
        ]
        return DocumentData(
            key=self.key(page),
            doc_type=self.doc_type,
            title=page.title,
            url=page.url or "",
            summary=html_to_text(page.summary),
            body=" ".join(filter(None, body))[:MAX_BODY_CHARS],
            date=page.start,
            event_end=page.end or page.start,
            years=[timezone.localtime(page.start).year],
            free_seats=seats_left(page_sessions(page), timezone.now()),
            facets=merge_facets(
                {"mode": [(page.mode, str(page.get_mode_display()))]},
                organisation_facets(page.organisation),
                {"region": regions},
            ),
            details={
                "place": page.place,
                "organisation": page.organisation.name if page.organisation_id else "",
                "community": community.title,
                "has_minutes": bool(page.summary),
                "participants": len(participants),
            },
        )


@register
class TopicBuilder(Builder):
    """A discussion of a community whose discussions are public, with its visible messages."""

    from communities.models import Topic as model

    doc_type = "topic"
    type_label = _("Discussion")
    specific = False

    def queryset(self) -> models.QuerySet:
        from communities.models import CommunityPage

        public = CommunityPage.objects.live().public()
        return (
            self.model.objects.filter(
                community__in=public,
                community__discussion_visibility=CommunityPage.Visibility.PUBLIC,
            )
            .select_related("community")
            .prefetch_related("community__regions", self.posts_prefetch())
        )

    @staticmethod
    def posts_prefetch():
        from django.db.models import Prefetch

        from communities.models import Post

        return Prefetch(
            "posts",
            queryset=Post.objects.filter(hidden=False).order_by("created_at", "pk"),
            to_attr="search_posts",
        )

    def build(self, topic) -> DocumentData | None:
        from communities.models import CommunityPage

        community = topic.community
        if not getattr(topic, CHECKED_ATTR, False):
            if (
                community.discussion_visibility != CommunityPage.Visibility.PUBLIC
                or not page_is_searchable(community)
            ):
                return None
        if not hasattr(topic, "search_posts"):
            models.prefetch_related_objects([topic], self.posts_prefetch())
        posts = topic.search_posts
        if not posts:
            return None
        return DocumentData(
            key=self.key(topic),
            doc_type=self.doc_type,
            title=topic.title,
            url=community.subpage_url("topic", topic.pk),
            body=" ".join(html_to_text(post.body_html) for post in posts)[:MAX_BODY_CHARS],
            date=topic.last_post_at,
            facets={"region": [(r.slug, r.name) for r in community.regions.all()]},
            details={"community": community.title, "posts": len(posts)},
        )


# --- Communities and organisations, with what they publish ------------------------------------


@register
class CommunityPageBuilder(Builder):
    """A community of administrators: its description, area, and the titles of its public
    meetings (so "Nord-Ovest", or a town whose meeting it held, finds the community)."""

    from communities.models import CommunityPage as model

    doc_type = "community"
    type_label = _("Community")
    specific = False

    def queryset(self) -> models.QuerySet:
        return self.model.objects.live().public().prefetch_related("regions")

    def build(self, page) -> DocumentData | None:
        from communities.models import MeetingPage

        if not page_is_searchable(page):
            return None
        meetings = getattr(page, "search_meetings", None)
        if meetings is None:
            meetings = list(
                MeetingPage.objects.live()
                .public()
                .filter(community=page)
                .select_related("organisation")
                .order_by("start")
            )
        body = [html_to_text(page.description), " ".join(m.title for m in meetings)]
        return DocumentData(
            key=self.key(page),
            doc_type=self.doc_type,
            title=page.title,
            url=page.url or "",
            summary=page.summary,
            body=" ".join(filter(None, body))[:MAX_BODY_CHARS],
            date=max((m.start for m in meetings), default=page.last_published_at),
            years=[],
            facets={"region": [(r.slug, r.name) for r in page.regions.all()]},
            details={"summary": page.summary, "meetings": len(meetings)},
        )

    def prepare(self, objects: list) -> None:
        from communities.models import MeetingPage

        by_community: dict[int, list] = {obj.pk: [] for obj in objects}
        for meeting in (
            MeetingPage.objects.live()
            .public()
            .filter(community__in=list(by_community))
            .select_related("organisation")
            .order_by("start")
        ):
            by_community[meeting.community_id].append(meeting)
        for obj in objects:
            obj.search_meetings = by_community[obj.pk]
