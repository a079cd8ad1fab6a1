"""Membership e-mails leave through the task queue after the commit, one task per person: a
mail server that refuses never turns a committed decision into a 500, and each address is
retried on its own."""

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.urls import reverse
from django_tasks import TaskResultStatus
from django_tasks.signals import task_finished

from members import services
from members.models import Membership
from tests.factories import UserFactory
from tests.members.conftest import make_member


class RefusingBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        raise ConnectionRefusedError("SMTP refuses")


@pytest.fixture
def finished_tasks():
    results = []

    def record(sender, task_result, **kwargs):
        results.append(task_result)

    task_finished.connect(record)
    yield results
    task_finished.disconnect(record)


@pytest.mark.django_db
def test_a_request_e_mails_each_admin_in_a_task_of_its_own(
    cesena, finished_tasks, django_capture_on_commit_callbacks
):
    admins = [make_member(cesena, role=Membership.Role.ADMIN) for _ in range(2)]
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.request_membership(UserFactory(), cesena)
    assert mail.outbox == []  # nothing leaves before the commit
    for callback in callbacks:
        callback()
    sent = [r for r in finished_tasks if r.task.name == "send_email"]
    assert len(sent) == 2
    assert sorted(m.to[0] for m in mail.outbox) == sorted(a.email for a in admins)


@pytest.mark.django_db
def test_smtp_refusing_does_not_fail_the_confirmation(
    client, cesena, settings, finished_tasks, django_capture_on_commit_callbacks
):
    admin = make_member(cesena, role=Membership.Role.ADMIN)
    membership = services.request_membership(UserFactory(), cesena)
    settings.EMAIL_BACKEND = "tests.members.test_membership_email_queue.RefusingBackend"
    client.force_login(admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("members:confirm", args=[cesena.slug, membership.pk]),
            {"role": Membership.Role.MEMBER},
        )
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.status == Membership.Status.CONFIRMED
    [result] = [r for r in finished_tasks if r.task.name == "send_email"]
    assert result.status == TaskResultStatus.FAILED
