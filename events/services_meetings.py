"""Use cases of community meetings: the coordinators publish the minutes."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.html import escape

from events.meeting_models import MeetingPage
from members.models import Organisation, User
from members.services_community import check_coordinator


@dataclass
class Minutes:
    summary: str
    tables: list[tuple[str, str]]
    decisions: list[str]
    organisations: list[Organisation]
    participant_count: int | None


def plain_text_to_html(text: str) -> str:
    """Paragraphs of plain text (as typed in the minutes form) to escaped HTML paragraphs."""
    paragraphs = [p.strip() for p in text.replace("\r\n", "\n").split("\n\n") if p.strip()]
    return "".join(f"<p>{escape(p).replace(chr(10), '<br>')}</p>" for p in paragraphs)


def attended_organisations(meeting: MeetingPage) -> list[Organisation]:
    """Organisations of the people marked as attended by the registration engine, if any."""
    return []


def attended_people(meeting: MeetingPage) -> int | None:
    return None


@transaction.atomic
def publish_minutes(meeting: MeetingPage, by: User, minutes: Minutes) -> MeetingPage:
    """A coordinator of the meeting's community writes the minutes; a new revision is saved
    and published, so the page history keeps who wrote what."""
    check_coordinator(by, meeting.community)
    meeting = MeetingPage.objects.select_for_update().get(pk=meeting.pk).specific
    meeting.summary = plain_text_to_html(minutes.summary)
    meeting.breakout_tables = [
        ("table", {"topic": topic, "outcome": outcome})
        for topic, outcome in minutes.tables
        if topic
    ]
    meeting.decisions = [("decision", text) for text in minutes.decisions if text]
    meeting.participant_count = minutes.participant_count
    meeting.participating_organisations.set(minutes.organisations)
    if meeting.minutes_published_at is None:
        meeting.minutes_published_at = timezone.now()
    revision = meeting.save_revision(user=by, log_action=True)
    # The coordinator's right comes from the community (checked above), not from Wagtail's
    # page permissions: coordinators need no admin account to publish minutes.
    revision.publish(user=by, skip_permission_checks=True)
    return meeting
