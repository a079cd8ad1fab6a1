"""iCalendar output: one file per session and a person's private feed (Europe/Rome times,
written by the site's one builder, ``core.ical``)."""

from collections.abc import Iterable

from django.contrib.auth.models import AnonymousUser

from core.ical import CalendarItem, absolute_url, build_ics
from events.models import Session
from members.permissions import can_see_online_link


def build_calendar(sessions: Iterable[Session], name: str, user=None, request=None) -> bytes:
    """``user`` (and ``request``, for password restrictions) decide whether each session's
    video link is shown (``members.permissions.can_see_online_link``); without one, never."""
    user = user if user is not None else AnonymousUser()
    items = []
    for session in sessions:
        location = session.place
        if not location and session.online_url and can_see_online_link(user, session.page, request):
            location = session.online_url
        items.append(
            CalendarItem(
                uid=f"session-{session.pk}",
                title=session.page.title + (f" - {session.label}" if session.label else ""),
                start=session.starts_at,
                end=session.ends_at,
                url=absolute_url(session.page.url),
                location=location,
                cancelled=session.status == Session.Status.CANCELLED,
            )
        )
    return build_ics(items, name)
