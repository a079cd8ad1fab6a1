"""With the production queue (django-tasks-db), an e-mail the mail server refused is tried
again later, with a growing delay, and delivered by the worker once SMTP is back."""

from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from events import services
from events.tasks import BACKOFF, send_registration_email
from tests.events.test_email_tasks import REFUSING
from tests.events.test_task_queue import database_queue  # noqa: F401 - the fixture

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("database_queue")]


def run_worker():
    call_command("db_worker", batch=True, verbosity=0)


def emails_queued():
    return DBTaskResult.objects.filter(task_path="events.tasks.send_registration_email").order_by(
        "enqueued_at", "id"
    )


def test_refused_email_is_retried_with_backoff_and_delivered_once_smtp_is_back(
    session, person, settings, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.register_for_session(session, person)
    settings.EMAIL_BACKEND = REFUSING
    run_worker()
    first, second = emails_queued()
    assert first.status == "FAILED"
    assert second.status == "READY"
    assert second.args_kwargs["kwargs"] == {"attempt": 2}
    assert second.run_after == pytest.approx(
        timezone.now() + timedelta(seconds=BACKOFF[0]), abs=timedelta(seconds=5)
    )
    run_worker()  # too early: the retry waits for its time
    assert emails_queued().count() == 2 and mail.outbox == []

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with time_machine.travel(timezone.now() + timedelta(seconds=BACKOFF[0] + 1)):
        run_worker()
    assert [m.to for m in mail.outbox] == [[person.email]]
    assert emails_queued().last().status == "SUCCESSFUL"


def test_retries_stop_after_the_last_backoff(session, person, settings):
    settings.EMAIL_BACKEND = REFUSING
    registration = services.register_for_session(session, person)
    send_registration_email.enqueue("registered", registration.pk, attempt=len(BACKOFF) + 1)
    run_worker()
    assert list(emails_queued().values_list("status", flat=True)) == ["FAILED"]
