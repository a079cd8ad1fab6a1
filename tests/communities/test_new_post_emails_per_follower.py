"""A new message's e-mails leave as one task per follower: a mail server that refuses one
address fails that person's task alone (retried with backoff where the queue can defer), and
the others get theirs exactly once."""

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django_tasks import TaskResultStatus
from django_tasks.signals import task_finished

from communities.discussions import reply_to_topic, set_follow_level
from communities.models import FollowLevel
from tests.communities.factories import make_member

REFUSED = "rifiutata@comune.example.it"


class RefusingOneAddress(EmailBackend):
    def send_messages(self, messages):
        if any(REFUSED in message.to for message in messages):
            raise ConnectionRefusedError("SMTP refuses this address")
        return super().send_messages(messages)


@pytest.fixture
def finished_tasks():
    results = []

    def record(sender, task_result, **kwargs):
        results.append(task_result)

    task_finished.connect(record)
    yield results
    task_finished.disconnect(record)


@pytest.mark.django_db
def test_each_follower_gets_a_task_and_a_refusal_fails_only_hers(
    topic, coordinator, settings, finished_tasks, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = (
        "tests.communities.test_new_post_emails_per_follower.RefusingOneAddress"
    )
    community = topic.community
    refused = make_member(community, full_name="Rita Rifiutata", email=REFUSED)
    others = [make_member(community, full_name=f"Persona {n}") for n in range(2)]
    for person in [refused, *others]:
        set_follow_level(person, community, FollowLevel.WATCHING, topic)
    with django_capture_on_commit_callbacks(execute=True):
        reply_to_topic(topic, "Una risposta", actor=coordinator)
    per_person = [r for r in finished_tasks if r.task.name == "send_new_post_email"]
    statuses = sorted(r.status for r in per_person)
    assert statuses.count(TaskResultStatus.FAILED) == 1
    delivered = sorted(m.to[0] for m in mail.outbox)
    assert REFUSED not in delivered
    assert all(delivered.count(p.email) == 1 for p in others)
