"""The one iCalendar builder: sessions (``events.calendar``) and community meetings
(``communities.views``) become ``CalendarItem``s, written here in Europe/Rome time."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event


@dataclass(frozen=True)
class CalendarItem:
    uid: str  # unique per kind, e.g. "session-12"; the site's host is appended
    title: str
    start: datetime
    end: datetime | None
    url: str  # absolute
    location: str = ""
    cancelled: bool = False


def site_host() -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/").split("//")[-1]


def absolute_url(path: str) -> str:
    """A page URL as calendar programs need it (absolute, on the site's address)."""
    path = path or "/"
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path if path.startswith("/") else path


def build_ics(items: Iterable[CalendarItem], name: str) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//Scambi tra Comuni//it")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    host = site_host()
    for item in items:
        event = Event()
        event.add("uid", f"{item.uid}@{host}")
        event.add("dtstamp", timezone.now())
        event.add("dtstart", timezone.localtime(item.start))
        event.add("dtend", timezone.localtime(item.end or item.start))
        event.add("summary", item.title)
        if item.location:
            event.add("location", item.location)
        event.add("url", item.url)
        event.add("status", "CANCELLED" if item.cancelled else "CONFIRMED")
        calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()
