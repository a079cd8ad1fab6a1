"""E-mails leave through Django's tasks framework after the commit: a mail server that refuses
never turns a committed registration into a 500, and a reminder counts as sent only once it
was delivered (a failed one is tried again at the next run)."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.urls import reverse
from django_tasks import TaskResultStatus, default_task_backend
from django_tasks.signals import task_finished

from events import services
from events.models import Registration
from events.notifications import send_reminders
from tests.events.factories import make_session, member_of


class RefusingBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        raise ConnectionRefusedError("SMTP refuses")


REFUSING = "tests.events.test_email_tasks.RefusingBackend"


@pytest.fixture
def finished_tasks():
    results = []

    def record(sender, task_result, **kwargs):
        results.append(task_result)

    task_finished.connect(record)
    yield results
    task_finished.disconnect(record)


def test_the_tasks_framework_is_configured():
    assert default_task_backend.alias == "default"


def test_smtp_refusing_still_registers_and_redirects(
    client, session, person, settings, finished_tasks, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = REFUSING
    client.force_login(person)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("events:register", args=[session.pk]))
    assert response.status_code == 302
    assert Registration.objects.get(user=person).status == Registration.Status.CONFIRMED
    [result] = [r for r in finished_tasks if r.task.name == "send_registration_email"]
    assert result.status == TaskResultStatus.FAILED
    assert "ConnectionRefusedError" in result.errors[0].exception_class_path


def test_email_is_sent_through_a_task_after_commit(
    session, person, finished_tasks, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        services.register_for_session(session, person)
    assert mail.outbox == []  # nothing inside the transaction
    for callback in callbacks:
        callback()
    assert [m.to for m in mail.outbox] == [[person.email]]
    emails = [r for r in finished_tasks if r.task.name == "send_registration_email"]
    assert [r.status for r in emails] == [TaskResultStatus.SUCCESSFUL]


def test_a_reminder_is_marked_sent_only_once_delivered(offer, person, settings):
    session = make_session(offer, days_ahead=1)
    registration = services.register_for_session(session, person)
    mail.outbox.clear()
    settings.EMAIL_BACKEND = REFUSING
    assert send_reminders() == 0
    registration.refresh_from_db()
    assert registration.reminder_sent_at is None
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert send_reminders() == 1
    assert [m.to for m in mail.outbox] == [[person.email]]
    registration.refresh_from_db()
    assert registration.reminder_sent_at is not None
    assert send_reminders() == 0
    assert len(mail.outbox) == 1


def test_a_followup_is_retried_after_a_failure(offer, settings):
    from events.notifications import send_followups

    session = make_session(offer, days_ahead=1)
    registration = services.register_for_session(session, member_of())
    services.mark_attendance(
        registration, attended=True, actor=None, now=session.starts_at + timedelta(hours=1)
    )
    after = session.ends_at + timedelta(hours=1)
    mail.outbox.clear()
    settings.EMAIL_BACKEND = REFUSING
    assert send_followups(now=after) == 0
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert send_followups(now=after) == 1
    assert send_followups(now=after) == 0
    assert len(mail.outbox) == 1


def test_reminders_respect_the_opt_out(offer, person):
    session = make_session(offer, days_ahead=1)
    services.register_for_session(session, person)
    person.notify_reminders = False
    person.save(update_fields=["notify_reminders"])
    mail.outbox.clear()
    assert send_reminders() == 0
    assert mail.outbox == []
