"""iCalendar output: one file per session and a person's private feed (Europe/Rome times)."""

from collections.abc import Iterable

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event

from events.models import Session


def build_calendar(sessions: Iterable[Session], name: str, user=None, request=None) -> bytes:
    """``user`` (and ``request``, for password restrictions) decide whether each session's
    video link is shown (``members.permissions.can_see_online_link``); without one, never."""
    from django.contrib.auth.models import AnonymousUser

    from members.permissions import can_see_online_link

    user = user if user is not None else AnonymousUser()
    calendar = Calendar()
    calendar.add("prodid", "-//Scambi tra Comuni//it")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    for session in sessions:
        event = Event()
        host = base.split("//")[-1]
        event.add("uid", f"session-{session.pk}@{host}")
        event.add("dtstamp", timezone.now())
        event.add("dtstart", timezone.localtime(session.starts_at))
        event.add("dtend", timezone.localtime(session.ends_at))
        title = session.page.title + (f" - {session.label}" if session.label else "")
        event.add("summary", title)
        if session.place:
            event.add("location", session.place)
        elif session.online_url and can_see_online_link(user, session.page, request):
            event.add("location", session.online_url)
        page_url = session.page.url or "/"
        event.add("url", base + page_url if page_url.startswith("/") else page_url)
        if session.status == Session.Status.CANCELLED:
            event.add("status", "CANCELLED")
        else:
            event.add("status", "CONFIRMED")
        calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()
