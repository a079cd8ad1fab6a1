"""Sessions edited in the Wagtail offer editor go through the engine: more seats promote the
waiting list in order, a cancelled session cancels and e-mails every registration, a new date
or place e-mails everyone holding a place (docs/adr/0002)."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from events import services
from events.models import Registration
from tests.events.factories import make_session, member_of
from tests.factories import UserFactory

Status = Registration.Status


def _local(moment):
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")


def _publish(client, offer, session, **changes):
    admin = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(admin)
    url = reverse("wagtailadmin_pages:edit", args=[offer.pk])
    row = {
        "id": session.pk,
        "label": session.label,
        "starts_at": _local(session.starts_at),
        "ends_at": _local(session.ends_at),
        "capacity": session.capacity,
        "registration_opens_at": "",
        "registration_deadline": "",
        "place": session.place,
        "online_url": "",
        "status": session.status,
    }
    row.update(changes)
    data = nested_form_data(
        {
            "title": offer.title,
            "slug": offer.slug,
            "organisation": offer.organisation_id,
            "host_office": "",
            "summary": "",
            "description": rich_text(""),
            "target_profiles": rich_text(""),
            "follow_up": rich_text(""),
            "duration_days": 1,
            "place": "",
            "partners": "",
            "dates_mode": offer.dates_mode,
            "approval_mode": "automatic",
            "per_organisation_cap": "",
            "waitlist_mode": "at_once",
            "offer_hours": 48,
            "programme": streamfield([]),
            "sessions": inline_formset([row], initial=1),
            "registration_questions": inline_formset([]),
            "action-publish": "publish",
        }
    )
    response = client.post(url, data)
    assert response.status_code == 302, (
        response.context["form"].errors if response.context else response
    )


@pytest.fixture
def full_session(offer):
    # Whole minutes, as the editor's widgets send them back (the test clock ticks seconds).
    start = (timezone.now() + timedelta(days=10)).replace(second=0, microsecond=0)
    session = make_session(offer, capacity=1, starts_at=start, ends_at=start + timedelta(hours=8))
    people = [services.register_for_session(session, member_of()) for _ in range(4)]
    return session, people


def test_more_seats_in_the_editor_promote_in_order(
    client, offer, full_session, django_capture_on_commit_callbacks
):
    session, (first, second, third, fourth) = full_session
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        _publish(client, offer, session, capacity=3)
    statuses = {r.pk: r for r in Registration.objects.all()}
    assert statuses[second.pk].status == Status.CONFIRMED
    assert statuses[third.pk].status == Status.CONFIRMED
    assert statuses[fourth.pk].status == Status.WAITLISTED
    assert statuses[fourth.pk].waitlist_position == 1
    assert sorted(m.to[0] for m in mail.outbox) == sorted([second.user.email, third.user.email])
    # The next newcomer queues behind the waiting list.
    newcomer = services.register_for_session(session, member_of())
    assert newcomer.status == Status.WAITLISTED
    assert newcomer.waitlist_position == 2


def test_cancelling_in_the_editor_cancels_and_tells_everyone(
    client, offer, full_session, django_capture_on_commit_callbacks
):
    session, people = full_session
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        _publish(client, offer, session, status="cancelled")
    assert set(Registration.objects.values_list("status", flat=True)) == {Status.CANCELLED}
    assert sorted(m.to[0] for m in mail.outbox) == sorted(r.user.email for r in people)


def test_a_new_place_in_the_editor_tells_everyone_holding_a_place(
    client, offer, full_session, django_capture_on_commit_callbacks
):
    session, people = full_session
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        _publish(client, offer, session, place="Palazzo del Ridotto, Cesena")
    assert sorted(m.to[0] for m in mail.outbox) == sorted(r.user.email for r in people)
    assert set(Registration.objects.values_list("status", flat=True)) == {
        Status.CONFIRMED,
        Status.WAITLISTED,
    }


def test_publishing_unchanged_sessions_e_mails_nobody(
    client, offer, full_session, django_capture_on_commit_callbacks
):
    session, _people = full_session
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        _publish(client, offer, session)
    assert mail.outbox == []
    assert Registration.objects.filter(status=Status.WAITLISTED).count() == 3


def test_publishing_an_older_revision_keeps_a_booked_session(offer, person):
    """The older revision has no session; one was added and booked since: publishing it again
    must neither fail (ProtectedError) nor lose the session and its registration."""
    older = offer.latest_revision
    session = make_session(offer, capacity=5)
    offer.save_revision().publish()
    registration = services.register_for_session(session, person)

    older.publish()

    session.refresh_from_db()
    assert session.page_id == offer.pk
    registration.refresh_from_db()
    assert registration.status == Status.CONFIRMED


def test_publishing_an_older_revision_still_removes_an_unbooked_session(offer):
    older = offer.latest_revision
    session = make_session(offer, capacity=5)
    offer.save_revision().publish()

    older.publish()

    assert not type(session).objects.filter(pk=session.pk).exists()
