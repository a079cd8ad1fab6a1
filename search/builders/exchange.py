"""Builder of exchange offers (with their sessions' dates, mode and free seats)."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from search.builders.base import (
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
    taxonomy_facet,
)
from search.builders.sessions import (
    page_sessions,
    seats_left,
    session_mode,
    sessions_prefetch,
)


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
        return seats_left(page_sessions(page), timezone.now())

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
