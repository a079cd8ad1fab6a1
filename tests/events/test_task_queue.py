"""Production's queue: with django-tasks-db an engine e-mail waits in the database until the
worker (`manage.py db_worker`) delivers it; the request that registered sent nothing."""

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django_tasks_db.management.commands import db_worker
from django_tasks_db.models import DBTaskResult

from events.models import Registration

DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def database_queue(settings, monkeypatch):
    settings.TASKS = DATABASE_QUEUE
    # The worker closes stale connections between tasks, as a request does; inside a test's
    # transaction that would close the test database (Django's test client skips it too).
    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)


@pytest.mark.usefixtures("database_queue")
def test_registration_e_mail_waits_for_the_worker(
    client, session, person, django_capture_on_commit_callbacks
):
    client.force_login(person)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("events:register", args=[session.pk]))

    assert response.status_code == 302
    assert Registration.objects.get(user=person).status == Registration.Status.CONFIRMED
    assert mail.outbox == []
    # (Wagtail queues its own tasks too, e.g. its reference index: the worker runs them all.)
    queued = DBTaskResult.objects.filter(task_path__startswith="events.")
    assert list(queued.values_list("task_path", flat=True)) == [
        "events.tasks.send_registration_email"
    ]

    call_command("db_worker", batch=True, verbosity=0)

    assert [message.to for message in mail.outbox] == [[person.email]]
    assert queued.get().status == "SUCCESSFUL"
