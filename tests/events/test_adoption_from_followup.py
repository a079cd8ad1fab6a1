"""A yes to the post-visit question adds the attendee's organisation to the "adopted by" list
of the practice the offer presents."""

from datetime import timedelta

import pytest

from events import services
from practices.models import Adoption
from tests.events.factories import make_session
from tests.practices.factories import make_practice

pytestmark = pytest.mark.django_db


def _attend(offer, person):
    session = make_session(offer, days_ahead=1)
    registration = services.register_for_session(session, person)
    services.mark_attendance(
        registration, attended=True, actor=None, now=session.starts_at + timedelta(hours=1)
    )
    registration.refresh_from_db()
    return registration


def test_yes_records_the_adoption_on_the_presented_practice(offer, person):
    practice = make_practice(organisation=offer.organisation)
    offer.practice = practice
    offer.save()
    registration = _attend(offer, person)
    services.answer_followup(registration, "yes")
    adoption = Adoption.objects.get(practice=practice)
    assert adoption.organisation == registration.organisation
    assert adoption.organisation != offer.organisation


def test_no_records_nothing(offer, person):
    offer.practice = make_practice(organisation=offer.organisation)
    offer.save()
    services.answer_followup(_attend(offer, person), "no")
    assert not Adoption.objects.exists()


def test_without_a_presented_practice_the_answer_is_only_kept(offer, person):
    registration = _attend(offer, person)
    services.answer_followup(registration, "yes")
    registration.refresh_from_db()
    assert registration.followup_answer == "yes"
    assert not Adoption.objects.exists()
