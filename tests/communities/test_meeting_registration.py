"""A community meeting takes registrations through the engine: publishing it creates (and
keeps in step) its session; only the community's members may register."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from communities import services_meetings
from events import services
from events.models import Registration, Session
from events.notifications import send_followups
from tests.communities.factories import make_meeting, make_member, with_organisation


@pytest.fixture
def meeting(community):
    return make_meeting(
        community, days=10, title="Tavolo di Collegno", mode="hybrid", place="Collegno"
    )


def registered_member(community, **kwargs):
    user = make_member(community, **kwargs)
    with_organisation(user)
    return user


def test_publishing_a_meeting_creates_its_session(meeting):
    session = Session.objects.get(page=meeting)
    assert session.starts_at == meeting.start
    assert session.ends_at == meeting.start + services_meetings.DEFAULT_DURATION
    assert session.place == "Collegno"
    assert session.capacity is None
    assert session.status == Session.Status.OPEN


def test_publishing_again_keeps_the_session_in_step(meeting):
    session = Session.objects.get(page=meeting)
    meeting.start += timedelta(days=1)
    meeting.end = meeting.start + timedelta(hours=3)
    meeting.mode = "online"
    meeting.online_url = "https://meet.example.org/tavolo"
    meeting.capacity = 30
    meeting.save_revision().publish()
    session.refresh_from_db()
    assert Session.objects.filter(page=meeting).count() == 1
    assert (session.starts_at, session.ends_at) == (meeting.start, meeting.end)
    assert session.place == "" and session.online_url == "https://meet.example.org/tavolo"
    assert session.capacity == 30


def test_more_seats_promote_the_waiting_list(community, meeting):
    meeting.capacity = 1
    meeting.save_revision().publish()
    session = Session.objects.get(page=meeting)
    first, second = (registered_member(community) for _ in range(2))
    services.register_for_session(session, first)
    waiting = services.register_for_session(session, second)
    assert waiting.status == Registration.Status.WAITLISTED
    meeting.capacity = 2
    meeting.save_revision().publish()
    waiting.refresh_from_db()
    assert waiting.status == Registration.Status.CONFIRMED


def test_revisions_do_not_carry_the_session(community, meeting):
    """Publishing an old revision must not touch the live session or its registrations."""
    old_revision = meeting.latest_revision
    session = Session.objects.get(page=meeting)
    registration = services.register_for_session(session, registered_member(community))
    assert "sessions" not in old_revision.content
    old_revision.publish()
    registration.refresh_from_db()
    assert registration.session_id == session.pk
    assert Session.objects.filter(page=meeting).count() == 1


def test_a_member_registers_and_gets_the_confirmation(
    client, community, meeting, django_capture_on_commit_callbacks
):
    maria = registered_member(community, full_name="Maria Rossi")
    client.force_login(maria)
    session = Session.objects.get(page=meeting)
    page = client.get(meeting.url).content.decode()
    assert f'action="{reverse("events:register", args=[session.pk])}"' in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("events:register", args=[session.pk]))
    assert response.status_code == 302
    assert Registration.objects.get(user=maria).status == Registration.Status.CONFIRMED
    assert [m.to for m in mail.outbox] == [[maria.email]]
    assert "Tavolo di Collegno" in mail.outbox[0].subject
    assert "Sei iscritta o iscritto" in client.get(meeting.url).content.decode()


@pytest.mark.parametrize(
    ("who", "status", "shown"),
    [
        ("anonymous", 302, "Accedi per iscriverti"),
        ("outsider", 403, "Possono iscriversi i membri della comunità"),
        ("member_without_organisation", 403, None),
    ],
)
def test_who_cannot_register(client, community, meeting, outsider, who, status, shown):
    session = Session.objects.get(page=meeting)
    if who == "outsider":
        with_organisation(outsider)
        client.force_login(outsider)
    elif who == "member_without_organisation":
        client.force_login(make_member(community))
    page = client.get(meeting.url).content.decode()
    if shown:
        assert shown in page
    response = client.post(reverse("events:register", args=[session.pk]))
    assert response.status_code == status
    assert not Registration.objects.exists()


def test_coordinators_register_without_being_members(client, community, meeting, coordinator):
    with_organisation(coordinator)
    registration = services.register_for_session(Session.objects.get(page=meeting), coordinator)
    assert registration.status == Registration.Status.CONFIRMED


def test_the_home_page_lists_upcoming_meetings_not_past_ones(client, community, meeting):
    make_meeting(community, days=-30, title="Tavolo passato")
    home = client.get("/").content.decode()
    assert "Tavolo di Collegno" in home
    assert "Tavolo passato" not in home


def test_exchanges_with_free_seats_do_not_list_meetings(client, meeting):
    from events.selectors import sessions_with_free_seats
    from exchange.models import ExchangeOfferPage

    assert sessions_with_free_seats(page_model=ExchangeOfferPage) == []
    assert [s.page_id for s in sessions_with_free_seats()] == [meeting.pk]


@pytest.fixture
def attended_past_meeting(community):
    past = make_meeting(community, days=-2, title="Tavolo concluso")
    session = Session.objects.get(page=past)
    person = registered_member(community)
    registration = services.register_for_session(
        session, person, now=session.starts_at - timedelta(days=1)
    )
    return services.mark_attendance(registration, attended=True, actor=None)


def test_attendees_of_a_meeting_get_no_adoption_question(attended_past_meeting):
    mail.outbox.clear()
    assert send_followups(now=timezone.now() + timedelta(days=1)) == 0
    assert mail.outbox == []


def test_my_registrations_ask_about_adoption_for_visits_only(client, attended_past_meeting):
    registration = attended_past_meeting
    person = registration.user
    client.force_login(person)
    page = client.get(reverse("events:my_registrations")).content.decode()
    assert "Tavolo concluso" in page
    assert reverse("events:followup", args=[registration.pk]) not in page
    assert client.get(reverse("events:followup", args=[registration.pk])).status_code == 404


def test_registered_people_are_told_when_the_meeting_moves(
    community, meeting, django_capture_on_commit_callbacks
):
    session = Session.objects.get(page=meeting)
    maria = registered_member(community, full_name="Maria Rossi")
    cancelled = registered_member(community)
    services.register_for_session(session, maria)
    services.cancel_registration(services.register_for_session(session, cancelled))
    mail.outbox.clear()
    meeting.title = "Tavolo di Collegno (nuovo titolo)"
    with django_capture_on_commit_callbacks(execute=True):
        meeting.save_revision().publish()  # nothing about the date or place changed
    assert mail.outbox == []
    meeting.start += timedelta(days=2)
    meeting.place = "Chieri"
    with django_capture_on_commit_callbacks(execute=True):
        meeting.save_revision().publish()
    assert [m.to for m in mail.outbox] == [[maria.email]]
    assert "Cambio di data o luogo" in mail.outbox[0].subject
    assert "Chieri" in mail.outbox[0].body
