from datetime import timedelta

import pytest
from django.core import mail
from django.db import IntegrityError

from events import services
from events.models import Registration, RegistrationEvent, Session
from members.models import Membership
from tests.events.factories import at_offsets_from_now, make_offer, make_session, member_of
from tests.factories import OrganisationFactory, UserFactory

S = Registration.Status


def positions(session):
    return list(
        session.registrations.filter(status=S.WAITLISTED)
        .order_by("waitlist_position")
        .values_list("waitlist_position", flat=True)
    )


def test_free_seat_confirms_and_records_history(
    session, person, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        registration = services.register_for_session(session, person)
    assert registration.status == S.CONFIRMED
    assert registration.organisation == Membership.objects.get(user=person).organisation
    event = RegistrationEvent.objects.get(registration=registration)
    assert (event.from_status, event.to_status, event.actor) == ("", "confirmed", person)
    assert len(mail.outbox) == 1
    assert (
        "confermata" in mail.outbox[0].subject.lower()
        or session.page.title in mail.outbox[0].subject
    )
    assert mail.outbox[0].alternatives[0][1] == "text/html"


def test_full_session_waitlists_in_order(session):
    people = [member_of() for _ in range(5)]
    statuses = [services.register_for_session(session, p) for p in people]
    assert [r.status for r in statuses] == [S.CONFIRMED] * 2 + [S.WAITLISTED] * 3
    assert positions(session) == [1, 2, 3]


def test_cancel_promotes_first_waitlisted_in_same_transaction(
    session, django_capture_on_commit_callbacks
):
    people = [member_of() for _ in range(4)]
    regs = [services.register_for_session(session, p) for p in people]
    with django_capture_on_commit_callbacks(execute=True):
        services.cancel_registration(regs[0], actor=people[0])
    regs = [Registration.objects.get(pk=r.pk) for r in regs]
    assert [r.status for r in regs] == [S.CANCELLED, S.CONFIRMED, S.CONFIRMED, S.WAITLISTED]
    assert regs[3].waitlist_position == 1
    # She is told her cancellation went through; the promoted person is told of her seat.
    assert sorted(m.to for m in mail.outbox) == sorted([[people[0].email], [people[2].email]])
    history = list(regs[2].events.values_list("from_status", "to_status"))
    assert history == [("", "waitlisted"), ("waitlisted", "confirmed")]


def test_cancelling_waitlisted_closes_the_gap(session):
    people = [member_of() for _ in range(5)]
    regs = [services.register_for_session(session, p) for p in people]
    services.cancel_registration(regs[2], actor=people[2])
    assert positions(session) == [1, 2]
    assert Registration.objects.get(pk=regs[4].pk).waitlist_position == 2


def test_person_can_register_again_after_cancelling(session, person):
    first = services.register_for_session(session, person)
    services.cancel_registration(first, actor=person)
    again = services.register_for_session(session, person)
    assert again.status == S.CONFIRMED


def test_registering_twice_is_refused(session, person):
    services.register_for_session(session, person)
    with pytest.raises(services.AlreadyRegistered):
        services.register_for_session(session, person)
    assert session.registrations.count() == 1


def test_unique_constraint_backs_the_rule(session, person):
    services.register_for_session(session, person)
    with pytest.raises(IntegrityError):
        Registration.objects.create(
            session=session, user=person, status=S.WAITLISTED, waitlist_position=1
        )


def test_alternatives_mode_refuses_a_second_date(offer, person):
    first, second = make_session(offer), make_session(offer, days_ahead=20)
    services.register_for_session(first, person)
    with pytest.raises(services.AlreadyRegisteredForOffer):
        services.register_for_session(second, person)


def test_several_sessions_mode_allows_each_date(person):
    offer = make_offer(dates_mode="several")
    first, second = make_session(offer), make_session(offer, days_ahead=20)
    services.register_for_session(first, person)
    assert services.register_for_session(second, person).status == S.CONFIRMED


def test_organisation_cap(db):
    organisation = OrganisationFactory()
    offer = make_offer(per_organisation_cap=2)
    session = make_session(offer, capacity=10)
    colleagues = [member_of(organisation) for _ in range(3)]
    services.register_for_session(session, colleagues[0])
    services.register_for_session(session, colleagues[1])
    with pytest.raises(services.OrganisationCapReached):
        services.register_for_session(session, colleagues[2])
    assert services.register_for_session(session, member_of()).status == S.CONFIRMED


@pytest.mark.parametrize(
    ("fields", "error"),
    [
        ({"status": Session.Status.CANCELLED}, services.SessionNotOpen),
        ({"status": Session.Status.CLOSED}, services.SessionNotOpen),
        ({"registration_deadline": timedelta(hours=-1)}, services.DeadlinePassed),
        ({"registration_opens_at": timedelta(days=1)}, services.RegistrationNotYetOpen),
        ({"days_ahead": -1}, services.DeadlinePassed),
    ],
)
def test_dates_and_status_are_enforced(offer, person, fields, error):
    # Offsets are resolved here, on the test's clock, not when the module is collected.
    session = make_session(offer, **at_offsets_from_now(fields))
    with pytest.raises(error):
        services.register_for_session(session, person)
    assert session.registrations.count() == 0


def test_person_without_confirmed_membership_cannot_register(session):
    with pytest.raises(services.NotAMember):
        services.register_for_session(session, UserFactory())


def test_approval_mode_holds_seat_then_confirms(db):
    offer = make_offer(approval_mode="host")
    session = make_session(offer, capacity=1)
    host = UserFactory()
    first = services.register_for_session(session, member_of())
    second = services.register_for_session(session, member_of())
    assert (first.status, second.status) == (S.PENDING, S.WAITLISTED)
    services.approve_registration(first, actor=host)
    assert Registration.objects.get(pk=first.pk).status == S.CONFIRMED
    with pytest.raises(services.InvalidTransition):
        services.approve_registration(first, actor=host)


def test_decline_frees_the_seat_for_the_waitlist(db):
    offer = make_offer(approval_mode="host")
    session = make_session(offer, capacity=1)
    first = services.register_for_session(session, member_of())
    second = services.register_for_session(session, member_of())
    services.decline_registration(first, actor=UserFactory())
    assert Registration.objects.get(pk=first.pk).status == S.DECLINED
    assert Registration.objects.get(pk=second.pk).status == S.PENDING


def test_capacity_increase_promotes(session):
    people = [member_of() for _ in range(5)]
    regs = [services.register_for_session(session, p) for p in people]
    services.change_capacity(session, 4, actor=None)
    statuses = [Registration.objects.get(pk=r.pk).status for r in regs]
    assert statuses == [S.CONFIRMED] * 4 + [S.WAITLISTED]
    assert positions(session) == [1]
    services.change_capacity(session, 1, actor=None)  # nobody loses a seat
    assert session.registrations.filter(status=S.CONFIRMED).count() == 4
    services.change_capacity(session, None, actor=None)  # unlimited
    assert session.registrations.filter(status=S.WAITLISTED).count() == 0
    with pytest.raises(services.InvalidCapacity):
        services.change_capacity(session, -1, actor=None)


def test_attendance_only_after_start(offer, person):
    session = make_session(offer, days_ahead=1)
    registration = services.register_for_session(session, person)
    with pytest.raises(services.InvalidTransition):
        services.mark_attendance(registration, attended=True, actor=None)
    later = session.starts_at + timedelta(hours=1)
    services.mark_attendance(registration, attended=True, actor=None, now=later)
    assert Registration.objects.get(pk=registration.pk).status == S.ATTENDED
    services.mark_attendance(registration, attended=False, actor=None, now=later)
    assert Registration.objects.get(pk=registration.pk).status == S.NO_SHOW


def test_cancel_twice_is_refused(session, person):
    registration = services.register_for_session(session, person)
    services.cancel_registration(registration, actor=person)
    with pytest.raises(services.InvalidTransition):
        services.cancel_registration(registration, actor=person)


def test_host_cancels_session_and_everyone_is_told(session, django_capture_on_commit_callbacks):
    people = [member_of() for _ in range(3)]
    for p in people:
        services.register_for_session(session, p)
    with django_capture_on_commit_callbacks(execute=True):
        services.cancel_session(session, actor=UserFactory())
    assert set(session.registrations.values_list("status", flat=True)) == {S.CANCELLED}
    assert len(mail.outbox) == 3


def test_refused_change_sends_nothing(session, person, django_capture_on_commit_callbacks):
    services.register_for_session(session, person)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(services.AlreadyRegistered):
            services.register_for_session(session, person)
    assert callbacks == []
