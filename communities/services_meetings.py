"""Use cases of community meetings: registration through the engine, attendance, minutes.

A meeting owns one ``Session`` of the registration engine (``events.services``), kept in step
with the meeting's date, place, link and capacity each time the meeting is published. So people
register for a meeting exactly as for an exchange (seats, waiting list, e-mails, calendars),
and the coordinators' attendance feeds the minutes and the participation chart.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
from django.db.models import Count, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.html import escape

from communities.models import MeetingPage
from communities.services import check_coordinator
from core.indexing import schedule_update
from events import services
from events.models import Registration, Session
from members.models import Organisation, User

#: Length of a meeting's session when the meeting gives no end time.
DEFAULT_DURATION = timedelta(hours=2)
#: Registrations the attendance screen lists (people who held a seat).
ATTENDANCE_STATUSES = (
    Registration.Status.CONFIRMED,
    Registration.Status.ATTENDED,
    Registration.Status.NO_SHOW,
)


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


def session_of(meeting: MeetingPage) -> Session | None:
    """The meeting's own session (the first one, should an editor have added more)."""
    return Session.objects.filter(page_id=meeting.pk).order_by("pk").first()


@transaction.atomic
def sync_meeting_session(meeting: MeetingPage, *, actor: User | None = None) -> Session:
    """Create or update the meeting's session from its published fields. Called when a
    meeting is published; a change of capacity goes through the engine, so more seats
    promote people from the waiting list."""
    ends_at = meeting.end if meeting.end and meeting.end >= meeting.start else None
    fields = {
        "starts_at": meeting.start,
        "ends_at": ends_at or meeting.start + DEFAULT_DURATION,
        "place": meeting.place[:255] if meeting.mode != MeetingPage.Mode.ONLINE else "",
        "online_url": meeting.online_url if meeting.mode != MeetingPage.Mode.IN_PERSON else "",
    }
    session = session_of(meeting)
    if session is None:
        session = Session.objects.create(page_id=meeting.pk, capacity=meeting.capacity, **fields)
        schedule_update(meeting)
        return session
    changed = [name for name, value in fields.items() if getattr(session, name) != value]
    if changed:
        was_upcoming = session.ends_at > timezone.now()
        for name in changed:
            setattr(session, name, fields[name])
        session.save(update_fields=changed)
        if was_upcoming or session.ends_at > timezone.now():
            services.notify_session_changed(session)
    if session.capacity != meeting.capacity:
        session = services.change_capacity(session, meeting.capacity, actor=actor)
    elif changed:
        schedule_update(meeting)
    return session


def _attended(meeting: MeetingPage):
    return Registration.objects.filter(
        session__page_id=meeting.pk, status=Registration.Status.ATTENDED
    )


def attendance_recorded(meeting: MeetingPage) -> bool:
    return Registration.objects.filter(
        session__page_id=meeting.pk,
        status__in=(Registration.Status.ATTENDED, Registration.Status.NO_SHOW),
    ).exists()


def attended_organisations(meeting: MeetingPage) -> list[Organisation]:
    """Organisations of the people the coordinators marked as present, by name."""
    return list(
        Organisation.objects.filter(
            pk__in=_attended(meeting).exclude(organisation=None).values("organisation_id")
        ).order_by("name")
    )


def attended_people(meeting: MeetingPage) -> int | None:
    """People marked as present; None when attendance was not recorded for the meeting."""
    if not attendance_recorded(meeting):
        return None
    return _attended(meeting).count()


def count_of(queryset, field: str = "pk", *, distinct: bool = False) -> Coalesce:
    """A correlated subquery counting ``queryset``'s rows (0 when none)."""
    counted = (
        queryset.order_by()
        .annotate(_group=Value(1))
        .values("_group")
        .annotate(total=Count(field, distinct=distinct))
        .values("total")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def with_attendance(meetings):
    """Annotate what ``participation`` reads on a queryset of meetings, in the same query for
    lists and the chart: people and organisations marked as present, organisations in the
    minutes. Each count is its own subquery, so the rows are not multiplied by joins."""
    attended = Registration.objects.filter(
        session__page_id=OuterRef("pk"), status=Registration.Status.ATTENDED
    )
    listed = MeetingPage.participating_organisations.through.objects.filter(
        meetingpage_id=OuterRef("pk")
    )
    return meetings.annotate(
        attended_total=count_of(attended),
        attended_organisation_total=count_of(attended, "organisation", distinct=True),
        organisation_total=count_of(listed),
    )


@dataclass(frozen=True)
class Participation:
    """How many people and organisations took part in a meeting (None: not known)."""

    people: int | None
    organisations: int | None


def participation(meeting: MeetingPage) -> Participation:
    """The one rule for a meeting's participation figures: the number of people the minutes
    give, else the people the coordinators marked as present; the most organisations of the
    minutes' list, the minutes' count and the attendance. Reads the ``with_attendance``
    annotations when the meeting carries them (lists, the chart), else asks the database."""
    if hasattr(meeting, "attended_total"):
        attended_people_total = meeting.attended_total or None
        attended_bodies = meeting.attended_organisation_total
        listed_bodies = meeting.organisation_total
    else:
        attended_people_total = attended_people(meeting)
        attended_bodies = len(attended_organisations(meeting))
        listed_bodies = meeting.participating_organisations.count()
    people = (
        meeting.participant_count
        if meeting.participant_count is not None
        else attended_people_total
    )
    organisations = max(listed_bodies, meeting.organisation_count or 0, attended_bodies) or None
    return Participation(people=people, organisations=organisations)


def attendance_sheet(meeting: MeetingPage) -> list[Registration]:
    """The people who held a seat, with their organisation, by name."""
    return list(
        Registration.objects.filter(session__page_id=meeting.pk, status__in=ATTENDANCE_STATUSES)
        .select_related("user", "organisation")
        .order_by("user__full_name", "pk")
    )


@dataclass
class AttendanceResult:
    present: int
    absent: int
    organisations: int


@transaction.atomic
def record_attendance(
    meeting: MeetingPage, by: User, present_ids: set[int], *, now=None
) -> AttendanceResult:
    """A coordinator ticks who came: every registration on the sheet becomes attended or
    not attended through the engine (which refuses before the meeting starts). All or
    nothing: one refusal leaves the sheet as it was."""
    check_coordinator(by, meeting.community)
    sheet = attendance_sheet(meeting)
    for registration in sheet:
        services.mark_attendance(
            registration, attended=registration.pk in present_ids, actor=by, now=now
        )
    present = [r for r in sheet if r.pk in present_ids]
    return AttendanceResult(
        present=len(present),
        absent=len(sheet) - len(present),
        organisations=len({r.organisation_id for r in present if r.organisation_id}),
    )


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
