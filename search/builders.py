"""Per-type search-document builders: how each kind of content becomes a search document.

Search reads the other apps only through these builders; the other apps never import search:
they ask for updates through ``core.indexing.schedule_update``. A builder says which objects
to index (``queryset``), turns one object into a ``DocumentData`` (``build``;
``None`` means "not searchable", e.g. a draft) and labels its type for the facet panel.
"""

from __future__ import annotations

from collections.abc import Iterable
from html import unescape

from django.db import models
from django.utils import timezone as clock
from django.utils.html import strip_tags
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from search.documents import DocumentData

MAX_BODY_CHARS = 100_000


class Builder:
    """Subclass with ``model``, ``doc_type``, ``type_label``, ``build``; register it."""

    model: type[models.Model]
    doc_type: str
    type_label = _("Page")

    def queryset(self) -> models.QuerySet:
        queryset = self.model._default_manager.all()
        if hasattr(queryset, "live"):
            queryset = queryset.live().public()
        return queryset

    def build(self, obj) -> DocumentData | None:
        raise NotImplementedError

    def key(self, obj) -> str:
        return key_for(obj)

    def related(self, obj) -> list:
        """Other indexed objects whose document shows ``obj`` (e.g. the organisation that
        publishes a practice): indexed again with it."""
        return []

    def prepare(self, objects: list) -> None:
        """Called by the rebuild with each batch of objects before ``build``: a place to read
        what the documents need for the whole batch at once (no query per object)."""

    def free_seats(self, obj) -> int | None:
        """The document's free-seat figure alone, for ``index.update_free_seats`` (a
        registration changed it and nothing else). Only builders of pages with sessions."""
        raise NotImplementedError

    #: whether the rebuild asks Wagtail for the most specific class (builders of one concrete
    #: model say False, so their ``select_related``/``prefetch_related`` keep working).
    specific = True


_registry: dict[type[models.Model], Builder] = {}


def register(builder_class: type[Builder]) -> type[Builder]:
    builder = builder_class()
    _registry[builder.model] = builder
    return builder_class


def builder_for(model: type[models.Model]) -> Builder | None:
    for klass in model.__mro__:
        if klass in _registry:
            return _registry[klass]
    return None


def builders() -> list[Builder]:
    return list(_registry.values())


def type_labels() -> dict[str, str]:
    return {builder.doc_type: builder.type_label for builder in _registry.values()}


def key_for(obj) -> str:
    meta = obj._meta
    return f"{meta.app_label}.{meta.model_name}:{obj.pk}"


def html_to_text(value) -> str:
    """Plain text of rich text or StreamField content, for the index."""
    text = strip_tags(str(value or "").replace("<", " <")).replace("&nbsp;", " ")
    return " ".join(unescape(text).split())[:MAX_BODY_CHARS]


def stream_text(value) -> str:
    """Plain text of a StreamField: the values of its blocks, never the blocks' own names
    (rendering a StructBlock writes its field names, "topic", "outcome", into the text)."""
    parts: list[str] = []

    def walk(item) -> None:
        if item is None or isinstance(item, bool):
            return
        if hasattr(item, "stream_block") or isinstance(item, list | tuple):
            for child in item:
                walk(getattr(child, "value", child))
        elif hasattr(item, "items") and not isinstance(item, str):
            for child in item.values():
                walk(child)
        elif hasattr(item, "source"):  # RichText
            parts.append(html_to_text(item.source))
        elif isinstance(item, str | int | float):
            parts.append(html_to_text(str(item)))
        elif hasattr(item, "isoformat"):
            parts.append(item.isoformat())
        elif hasattr(item, "title"):  # a chosen page or document
            parts.append(str(item.title))

    walk(value)
    return " ".join(p for p in parts if p)[:MAX_BODY_CHARS]


def owner_of(page) -> list:
    """The organisation that publishes ``page`` (its document lists what it publishes)."""
    organisation = getattr(page, "organisation", None)
    return [organisation] if organisation is not None else []


#: set on objects that come from ``Builder.queryset()`` (already live and public), so the rebuild
#: does not ask for each page's view restrictions again.
CHECKED_ATTR = "_search_checked_public"


def page_is_searchable(page) -> bool:
    if getattr(page, CHECKED_ATTR, False):
        return True
    # The index is shared by everyone: it holds what an anonymous visitor may see.
    from django.contrib.auth.models import AnonymousUser

    from members.permissions import can_view_page

    return can_view_page(AnonymousUser(), page)


def merge_facets(*parts: dict[str, list[tuple[str, str]]]) -> dict[str, list[tuple[str, str]]]:
    """Join facet dicts; multi-valued facets keep each value once, in order."""
    merged: dict[str, list[tuple[str, str]]] = {}
    for part in parts:
        for name, values in part.items():
            bucket = merged.setdefault(name, [])
            for value in values:
                if value[0] and value[0] not in {existing[0] for existing in bucket}:
                    bucket.append(value)
    return {name: values for name, values in merged.items() if values}


def organisation_facets(organisation) -> dict[str, list[tuple[str, str]]]:
    """Facet values that come from an owning (host) organisation."""
    if organisation is None:
        return {}
    facets = {
        "organisation": [(organisation.slug, organisation.name)],
        "organisation_kind": [(organisation.kind, capfirst(organisation.get_kind_display()))],
    }
    if organisation.region_id:
        facets["region"] = [(organisation.region.slug, organisation.region.name)]
    return facets


def taxonomy_facet(terms: Iterable) -> list[tuple[str, str]]:
    return [(term.slug, term.name_it) for term in terms]


# --- Builders for content on this branch ------------------------------------------------------


@register
class StandardPageBuilder(Builder):
    from core.models import StandardPage as model

    doc_type = "page"
    type_label = _("Page")

    def build(self, page) -> DocumentData | None:
        if not page_is_searchable(page):
            return None
        return DocumentData(
            key=self.key(page),
            doc_type=self.doc_type,
            title=page.title,
            url=page.url or "",
            summary=page.summary,
            body=html_to_text(page.body),
            date=page.last_published_at or page.first_published_at,
            details={"summary": page.summary},
        )


# --- Practices, tools, exchange offers, meetings, public discussions --------------------------


def owned_page_queryset(builder: Builder, *related: str, prefetch: tuple = ()) -> models.QuerySet:
    return (
        builder.model._default_manager.live()
        .public()
        .select_related("organisation__region", *related)
        .prefetch_related(*prefetch)
    )


def practice_years(page) -> list[int]:
    """The period of a practice: from its start year to its end year (this year if ongoing)."""
    from django.utils import timezone

    if not page.start_year:
        return []
    last = page.end_year or max(page.start_year, timezone.localdate().year)
    return list(range(page.start_year, last + 1))


@register
class PracticePageBuilder(Builder):
    from practices.models import PracticePage as model

    doc_type = "practice"
    type_label = _("Practice")
    specific = False

    def related(self, page) -> list:
        return owner_of(page)

    def queryset(self) -> models.QuerySet:
        return owned_page_queryset(self, prefetch=("themes", "instruments", "partners"))

    def build(self, page) -> DocumentData | None:
        if not page_is_searchable(page):
            return None
        partners = [partner.name for partner in page.partners.all()]
        body = [
            stream_text(page.body),
            page.host_office,
            page.legal_basis,
            page.organisation.name if page.organisation_id else "",
            " ".join(partners),
        ]
        return DocumentData(
            key=self.key(page),
            doc_type=self.doc_type,
            title=page.title,
            url=page.url or "",
            summary=page.summary,
            body=" ".join(filter(None, body))[:MAX_BODY_CHARS],
            date=page.last_published_at or page.first_published_at,
            years=practice_years(page),
            facets=merge_facets(
                {
                    "theme": taxonomy_facet(page.themes.all()),
                    "instrument": taxonomy_facet(page.instruments.all()),
                },
                organisation_facets(page.organisation),
            ),
            details={
                "summary": page.summary,
                "organisation": page.organisation.name if page.organisation_id else "",
                "start_year": page.start_year,
                "status": str(page.get_status_display()),
            },
        )


@register
class ToolPageBuilder(Builder):
    from practices.models import ToolPage as model

    doc_type = "tool"
    type_label = _("Tool")
    specific = False

    def related(self, page) -> list:
        return owner_of(page)

    def queryset(self) -> models.QuerySet:
        return owned_page_queryset(self, "instrument")

    def build(self, page) -> DocumentData | None:
        if not page_is_searchable(page):
            return None
        instrument = [page.instrument] if page.instrument_id else []
        return DocumentData(
            key=self.key(page),
            doc_type=self.doc_type,
            title=page.title,
            url=page.url or "",
            body=" ".join(
                filter(
                    None,
                    [
                        html_to_text(page.description),
                        page.organisation.name if page.organisation_id else "",
                        instrument[0].name_it if instrument else "",
                    ],
                )
            ),
            date=page.last_published_at or page.first_published_at,
            facets=merge_facets(
                {"instrument": taxonomy_facet(instrument)}, organisation_facets(page.organisation)
            ),
            details={
                "organisation": page.organisation.name if page.organisation_id else "",
                "licence": str(page.get_licence_display()),
                "version": page.version,
            },
        )


def session_mode(session) -> str:
    if session.online_url and session.place:
        return "hybrid"
    if session.online_url:
        return "online"
    return "in_person"


def session_is_bookable(session, now) -> bool:
    from events.models import Session

    return (
        session.status == Session.Status.OPEN
        and session.starts_at > now
        and (session.registration_deadline is None or session.registration_deadline >= now)
    )


def seats_left(sessions, now) -> int | None:
    """Free seats of the sessions still taking registrations; None when none has a limit."""
    from events.selectors import free_seats

    limited = [
        free_seats(s) for s in sessions if session_is_bookable(s, now) and s.capacity is not None
    ]
    return sum(limited) if limited else None


def sessions_prefetch():
    """A page's sessions (not cancelled) with their seat counts, in ``search_sessions``."""
    from django.db.models import Prefetch

    from events.models import Session
    from events.selectors import with_counts

    return Prefetch(
        "sessions",
        queryset=with_counts(Session.objects.exclude(status=Session.Status.CANCELLED)).order_by(
            "starts_at", "pk"
        ),
        to_attr="search_sessions",
    )


def page_sessions(page) -> list:
    if not hasattr(page, "search_sessions"):
        models.prefetch_related_objects([page], sessions_prefetch())
    return page.search_sessions


@register
class ExchangeOfferPageBuilder(Builder):
    """One document per offer. Its date is the next session's start (else the last one's),
    ``event_end`` the end of its last session (for upcoming/past), ``free_seats`` the free seats
    of the sessions still taking registrations (None when none of them has a limit)."""

    from exchange.models import ExchangeOfferPage as model

    doc_type = "offer"
    type_label = _("Exchange offer")
    specific = False

    def related(self, page) -> list:
        return owner_of(page)

    def free_seats(self, page) -> int | None:
        return seats_left(page_sessions(page), clock.now())

    def queryset(self) -> models.QuerySet:
        return owned_page_queryset(self, prefetch=("themes", sessions_prefetch()))

    def build(self, page) -> DocumentData | None:
        from django.utils import timezone

        if not page_is_searchable(page):
            return None
        now = timezone.now()
        sessions = page_sessions(page)
        upcoming = [s for s in sessions if s.ends_at >= now]
        seats = seats_left(sessions, now)
        date = (upcoming or sessions or [None])[0]
        modes = {session_mode(s) for s in sessions} or {"in_person"}
        mode_labels = {"online": "Online", "in_person": "In presenza", "hybrid": "Ibrido"}
        return DocumentData(
            key=self.key(page),
            doc_type=self.doc_type,
            title=page.title,
            url=page.url or "",
            body=" ".join(
                filter(
                    None,
                    [
                        html_to_text(page.description),
                        stream_text(page.programme),
                        html_to_text(page.target_profiles),
                        page.place,
                        " ".join(dict.fromkeys(s.place for s in sessions if s.place)),
                        page.partners,
                        page.host_office,
                        html_to_text(page.follow_up),
                        page.organisation.name if page.organisation_id else "",
                    ],
                )
            )[:MAX_BODY_CHARS],
            summary=page.summary,
            date=date.starts_at if date else page.last_published_at,
            years=sorted({s.starts_at.year for s in sessions}),
            event_end=max((s.ends_at for s in sessions), default=None),
            free_seats=seats,
            facets=merge_facets(
                {
                    "theme": taxonomy_facet(page.themes.all()),
                    "mode": [(mode, mode_labels[mode]) for mode in sorted(modes)],
                },
                organisation_facets(page.organisation),
            ),
            details={
                "summary": page.summary,
                "place": page.place,
                "organisation": page.organisation.name if page.organisation_id else "",
                "sessions": len(upcoming),
            },
        )


@register
class MeetingPageBuilder(Builder):
    """A community meeting with its agenda and, once written, its minutes."""

    from events.meeting_models import MeetingPage as model

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
        return seats_left(page_sessions(page), clock.now())

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

    from members.community_models import Topic as model

    doc_type = "topic"
    type_label = _("Discussion")
    specific = False

    def queryset(self) -> models.QuerySet:
        from members.community_models import CommunityPage

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

        from members.community_models import Post

        return Prefetch(
            "posts",
            queryset=Post.objects.filter(hidden=False).order_by("created_at", "pk"),
            to_attr="search_posts",
        )

    def build(self, topic) -> DocumentData | None:
        from members.community_models import CommunityPage

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

    from members.community_models import CommunityPage as model

    doc_type = "community"
    type_label = _("Community")
    specific = False

    def queryset(self) -> models.QuerySet:
        return self.model.objects.live().public().prefetch_related("regions")

    def build(self, page) -> DocumentData | None:
        from events.meeting_models import MeetingPage

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
        from events.meeting_models import MeetingPage

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


def published_by(organisations: list) -> dict[int, list[str]]:
    """Titles of the live, public pages each organisation publishes (practices, offers...)."""
    from members.models import owned_page_models

    titles: dict[int, list[str]] = {o.pk: [] for o in organisations}
    for model in owned_page_models():
        for organisation_id, title in (
            model.objects.live()
            .public()
            .filter(organisation__in=list(titles))
            .order_by("-first_published_at")
            .values_list("organisation_id", "title")
        ):
            titles[organisation_id].append(title)
    return titles


@register
class OrganisationBuilder(Builder):
    """A municipality or other body that has a description or publishes something: its
    kind and area, and the titles of what it publishes. Bodies of the ISTAT register with
    neither stay out of the index (the directory lists them all)."""

    from members.models import Organisation as model

    doc_type = "organisation"
    type_label = _("Organisation")
    specific = False

    def queryset(self) -> models.QuerySet:
        from members.models import owned_page_models

        publishing = models.Q(description__gt="")
        for model in owned_page_models():
            publishing |= models.Q(pk__in=model.objects.live().public().values("organisation_id"))
        return self.model.objects.filter(publishing).select_related("region", "province")

    def build(self, organisation) -> DocumentData | None:
        from django.urls import NoReverseMatch

        titles = getattr(organisation, "search_titles", None)
        if titles is None:
            titles = published_by([organisation])[organisation.pk]
        if not titles and not organisation.description:
            return None
        try:
            url = organisation.get_absolute_url()
        except NoReverseMatch:
            return None
        place = [organisation.province.name if organisation.province_id else ""]
        return DocumentData(
            key=self.key(organisation),
            doc_type=self.doc_type,
            title=organisation.name,
            url=url,
            summary=organisation.description,
            body=" ".join(filter(None, [*place, " ".join(titles)]))[:MAX_BODY_CHARS],
            years=[],
            facets=organisation_facets(organisation),
            details={"published": len(titles), "kind": str(organisation.get_kind_display())},
        )

    def prepare(self, objects: list) -> None:
        titles = published_by(objects)
        for obj in objects:
            obj.search_titles = titles[obj.pk]
