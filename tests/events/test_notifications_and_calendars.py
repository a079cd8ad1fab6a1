from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from events import services
from events.models import CalendarFeed, Registration
from tests.events.factories import make_session, member_of

pytestmark = pytest.mark.django_db


def test_reminder_two_days_before_sent_once(offer, person):
    soon = make_session(offer, days_ahead=1)
    later = make_session(offer, days_ahead=9)
    services.register_for_session(soon, person)
    services.register_for_session(later, member_of())
    mail.outbox.clear()
    call_command("send_session_reminders", stdout=open("/dev/null", "w"))
    call_command("send_session_reminders", stdout=open("/dev/null", "w"))
    assert [m.to for m in mail.outbox] == [[person.email]]
    assert "Promemoria" in mail.outbox[0].subject
    assert Registration.objects.get(user=person).reminder_sent_at is not None


def test_followup_to_attendees_and_answer(client, offer, person):
    session = make_session(offer, days_ahead=1)
    registration = services.register_for_session(session, person)
    services.mark_attendance(
        registration, attended=True, actor=None, now=session.starts_at + timedelta(hours=1)
    )
    from events.notifications import send_followups

    after = session.ends_at + timedelta(hours=1)
    assert send_followups(now=after) == 1
    assert send_followups(now=after) == 0
    url = reverse("events:followup", args=[registration.pk])
    assert url in mail.outbox[-1].body
    client.force_login(person)
    assert client.get(url).status_code == 200
    assert client.post(url, {"answer": "maybe"}).status_code == 400
    assert client.post(url, {"answer": "yes"}).status_code == 302
    assert Registration.objects.get(pk=registration.pk).followup_answer == "yes"


def test_followup_not_for_others_or_non_attendees(client, session, person):
    registration = services.register_for_session(session, person)
    client.force_login(person)
    assert client.get(reverse("events:followup", args=[registration.pk])).status_code == 404
    client.force_login(member_of())
    assert client.get(reverse("events:followup", args=[registration.pk])).status_code == 404


def test_session_ics_is_valid_with_rome_time(client, session):
    response = client.get(reverse("events:session_ics", args=[session.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    events = [c for c in calendar.walk() if c.name == "VEVENT"]
    assert len(events) == 1
    start = events[0]["DTSTART"].dt
    assert str(start.tzinfo) == "Europe/Rome"
    assert start == session.starts_at.replace(microsecond=0)
    assert any(c.name == "VTIMEZONE" for c in calendar.walk())


def test_ics_for_unknown_session_is_404(client, db):
    assert client.get("/eventi/sessioni/424242/calendario.ics").status_code == 404


def test_private_feed_create_renew_revoke(client, session, person):
    services.register_for_session(session, person)
    client.force_login(person)
    client.post(reverse("events:manage_feed"), {"action": "create"})
    token = CalendarFeed.objects.get(user=person).token
    feed_url = reverse("events:feed", args=[token])
    client.logout()
    response = client.get(feed_url)
    assert response.status_code == 200
    assert session.page.title in Calendar.from_ical(response.content).walk("VEVENT")[0]["SUMMARY"]
    client.force_login(person)
    client.post(reverse("events:manage_feed"), {"action": "create"})
    assert client.get(feed_url).status_code == 404
    client.post(reverse("events:manage_feed"), {"action": "revoke"})
    assert not CalendarFeed.objects.filter(user=person).exists()
    assert client.post(reverse("events:manage_feed"), {"action": "x"}).status_code == 400


def test_feed_with_unknown_token_is_404(client, db):
    assert client.get("/eventi/calendario/nope.ics").status_code == 404


def test_events_index_lists_upcoming_sessions(client, session):
    # The month calendar below the list may show the session too (it does on the frozen
    # clock, where "in ten days" is in the current month): the list is what is counted.
    past = make_session(session.page, days_ahead=-5)
    response = client.get("/eventi/")
    assert response.status_code == 200
    upcoming = response.content.decode().split('id="calendar-heading"')[0]
    assert upcoming.count(f"#session-{session.pk}") == 1
    assert f"#session-{past.pk}" not in upcoming
    month = timezone.localtime(session.starts_at).strftime("%Y-%m")
    calendar = client.get("/eventi/", {"month": month}).content.decode()
    assert f"#session-{session.pk}" in calendar.split('id="calendar-heading"')[1]
