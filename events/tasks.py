"""The engine's e-mails as tasks of Django's tasks framework (``django_tasks``).

A use case only *enqueues* its e-mails, after its transaction commits (``enqueue_on_commit``):
nothing is sent for a change rolled back, and a refusing or silent mail server can never turn a
committed registration into a 500. With the database backend (``TASKS_BACKEND``, run by
``manage.py db_worker`` under systemd) the request does not even wait for SMTP; with the
immediate backend of dev and tests the e-mail is sent at once, so ``make run`` shows it on the
console. A failed task is logged and recorded as FAILED by the backend.

Retries with backoff: an e-mail the mail server refused is enqueued again to run after 1, 5,
30 minutes, 2 and 12 hours (``BACKOFF``; a new task row each time, with ``attempt`` counting),
on a backend that can defer (django-tasks-db). The immediate backend of dev and tests cannot:
there the failure is logged. Reminders and follow-ups are retried by their own marker instead
(the next run of ``send_session_reminders`` sends what is still unsent).
"""

from __future__ import annotations

import logging

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from core.tasks import BACKOFF, enqueue_on_commit, retry_later  # noqa: F401  (the engine's names)

logger = logging.getLogger(__name__)


@task()
def send_registration_email(kind: str, registration_id: int, attempt: int = 1) -> None:
    from events import emails

    try:
        emails.send_registration_email(kind, registration_id)
    except Exception:
        retried = retry_later(send_registration_email, kind, registration_id, attempt=attempt)
        logger.exception(
            "e-mail %s for registration %s not delivered (attempt %s%s)",
            kind,
            registration_id,
            attempt,
            ", retried later" if retried else "",
        )
        raise


@task()
def send_scheduled_email(kind: str, registration_id: int, field: str) -> bool:
    """A reminder or follow-up: sent only if ``field`` (its sent-at marker) is still empty, and
    marked only once the mail server accepted it. The row stays locked while sending, so two
    runs at once cannot both send; a failure leaves the marker empty for the next run."""
    from events.emails import build_message
    from events.models import Registration

    with transaction.atomic():
        registration = (
            Registration.objects.select_for_update(of=("self",))
            .select_related("session__page", "user")
            .filter(pk=registration_id, **{f"{field}__isnull": True})
            .first()
        )
        if registration is None:
            return False  # already sent by another run
        try:
            build_message(kind, registration).send(fail_silently=False)
        except Exception:
            logger.exception("%s for registration %s not delivered", kind, registration_id)
            raise
        Registration.objects.filter(pk=registration_id).update(**{field: timezone.now()})
    return True


@task()
def send_host_pending_notice(registration_id: int, attempt: int = 1) -> int:
    """Hosts who want one e-mail per registration waiting for their approval."""
    from events import hosts

    try:
        return hosts.send_pending_notice(registration_id)
    except Exception:
        retry_later(send_host_pending_notice, registration_id, attempt=attempt)
        logger.exception("host notice for registration %s not delivered", registration_id)
        raise


@task()
def send_host_message(
    registration_id: int, subject: str, body: str, sender_id: int | None, attempt: int = 1
) -> bool:
    """A host's message to one person registered (``emails.send_message_to_participants``)."""
    from events import emails

    try:
        return emails.send_host_message(registration_id, subject, body, sender_id)
    except Exception:
        retry_later(send_host_message, registration_id, subject, body, sender_id, attempt=attempt)
        logger.exception("host message for registration %s not delivered", registration_id)
        raise
