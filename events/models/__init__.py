"""Everything on the calendar: exchange sessions, community meetings and registrations.

A ``Session`` belongs to a Wagtail page (an exchange offer today, a community meeting later);
the page says how registration works through the ``RegistrationPolicy`` mixin. The rules that
change registrations live in ``events.services``; models hold data and small invariants only.
One module each; every model is importable from here.
"""

from events.models.pages import EventIndexPage, RegistrationPolicy
from events.models.preferences import CalendarFeed, HostPreference, new_feed_token
from events.models.registrations import (
    SEAT_OFFER_SALT,
    Registration,
    RegistrationEvent,
    RegistrationQuestion,
)
from events.models.sessions import Session

__all__ = [
    "SEAT_OFFER_SALT",
    "CalendarFeed",
    "EventIndexPage",
    "HostPreference",
    "Registration",
    "RegistrationEvent",
    "RegistrationPolicy",
    "RegistrationQuestion",
    "Session",
    "new_feed_token",
]
