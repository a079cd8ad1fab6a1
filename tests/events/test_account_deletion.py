"""Deleting an account keeps its registrations, anonymised, and gives its seats on in order."""

from datetime import timedelta

import pytest
from django.utils import timezone

from events import services
from events.models import CalendarFeed, Registration, RegistrationEvent
from members.privacy import delete_account, export_personal_data
from tests.events.factories import make_session, member_of

pytestmark = pytest.mark.django_db
Status = Registration.Status


def test_deleted_account_keeps_anonymised_registrations_and_promotes(offer):
    session = make_session(offer, capacity=1)
    leaving, waiting = member_of(), member_of()
    kept = services.register_for_session(session, leaving)
    queued = services.register_for_session(session, waiting)
    assert queued.status == Status.WAITLISTED
    organisation_id, leaving_id = kept.organisation_id, leaving.pk

    delete_account(leaving)

    kept.refresh_from_db()
    queued.refresh_from_db()
    assert kept.user_id is None
    assert kept.organisation_id == organisation_id
    assert kept.status == Status.CANCELLED
    assert list(kept.events.values_list("to_status", flat=True)) == [
        Status.CONFIRMED,
        Status.CANCELLED,
    ]
    assert kept.events.last().note == "account deleted"
    assert queued.status == Status.CONFIRMED
    assert not RegistrationEvent.objects.filter(actor_id=leaving_id).exists()


def test_past_attendance_and_followup_answer_survive_deletion(offer):
    past = make_session(offer, days_ahead=-5)
    person = member_of()
    registration = Registration.objects.create(
        session=past,
        user=person,
        organisation=person.memberships.get().organisation,
        status=Status.ATTENDED,
        followup_answer=Registration.Answer.YES,
        followup_answered_at=timezone.now() - timedelta(days=1),
    )
    CalendarFeed.objects.create(user=person)

    delete_account(person)

    registration.refresh_from_db()
    assert registration.user_id is None
    assert registration.status == Status.ATTENDED
    assert registration.followup_answer == Registration.Answer.YES
    assert not CalendarFeed.objects.exists()


def test_export_lists_registrations_with_history_and_feed(offer, session, person):
    services.register_for_session(session, person)
    CalendarFeed.objects.create(user=person)

    data = export_personal_data(person)

    (item,) = data["registrations"]
    assert item["title"] == offer.title
    assert item["status"] == Status.CONFIRMED
    assert [step["to"] for step in item["history"]] == [Status.CONFIRMED]
    assert item["history"][0]["by_me"] is True
    assert data["calendar_feed"] is not None
