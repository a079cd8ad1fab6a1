"""What the builders of pages with sessions (offers, meetings) read about those sessions."""

from __future__ import annotations

from django.db import models


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
