"""A fair queue: nobody is confirmed while someone waits for the session, and the reconciler
(``fill_free_seats``) gives any free seat to the waiting list in order, whatever freed it."""

from datetime import timedelta

from django.core import mail
from django.core.management import call_command

from events import services
from events.models import Registration, Session
from tests.events.factories import make_session, member_of

Status = Registration.Status


def _fill(session, n):
    return [services.register_for_session(session.pk, member_of()) for _ in range(n)]


def test_a_newcomer_queues_behind_the_waiting_list_when_a_seat_frees_silently(offer):
    session = make_session(offer, capacity=1)
    first, second = _fill(session, 2)
    assert second.status == Status.WAITLISTED
    # A seat freed without the engine (e.g. raised in the database): the first in line has it.
    Session.objects.filter(pk=session.pk).update(capacity=2)
    newcomer = services.register_for_session(session.pk, member_of())
    second.refresh_from_db()
    assert second.status == Status.CONFIRMED
    assert newcomer.status == Status.WAITLISTED
    assert newcomer.waitlist_position == 1


def test_a_newcomer_gets_a_seat_left_once_the_queue_is_served(offer):
    session = make_session(offer, capacity=1)
    _first, second = _fill(session, 2)
    Session.objects.filter(pk=session.pk).update(capacity=3)
    newcomer = services.register_for_session(session.pk, member_of())
    second.refresh_from_db()
    assert second.status == Status.CONFIRMED
    assert newcomer.status == Status.CONFIRMED


def test_fill_free_seats_promotes_in_order_and_e_mails(offer, django_capture_on_commit_callbacks):
    session = make_session(offer, capacity=1)
    _first, second, third, fourth = _fill(session, 4)
    Session.objects.filter(pk=session.pk).update(capacity=3)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        promoted = services.fill_free_seats()
    assert [r.pk for r in promoted] == [second.pk, third.pk]
    fourth.refresh_from_db()
    assert fourth.status == Status.WAITLISTED
    assert fourth.waitlist_position == 1
    assert sorted(m.to[0] for m in mail.outbox) == sorted([second.user.email, third.user.email])


def test_fill_free_seats_leaves_closed_cancelled_and_past_sessions(offer):
    sessions = [
        make_session(offer, capacity=1),
        make_session(offer, capacity=1),
        make_session(offer, capacity=1),
    ]
    waiting = []
    for session in sessions:
        waiting.append(_fill(session, 2)[1])
    Session.objects.filter(pk__in=[s.pk for s in sessions]).update(capacity=2)
    Session.objects.filter(pk=sessions[0].pk).update(status=Session.Status.CLOSED)
    Session.objects.filter(pk=sessions[1].pk).update(status=Session.Status.CANCELLED)
    promoted = services.fill_free_seats(now=sessions[2].starts_at + timedelta(minutes=1))
    assert promoted == []
    assert all(Registration.objects.get(pk=r.pk).status == Status.WAITLISTED for r in waiting)


def test_the_command_reports_how_many_it_promoted(offer, capsys):
    session = make_session(offer, capacity=1)
    _fill(session, 3)
    Session.objects.filter(pk=session.pk).update(capacity=None)
    call_command("fill_free_seats")
    assert "Promoted from the waiting list: 2." in capsys.readouterr().out
    assert not session.registrations.filter(status=Status.WAITLISTED).exists()
