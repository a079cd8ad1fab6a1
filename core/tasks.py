"""The queue helpers every app's side effects use (Django's tasks framework, ``django_tasks``).

A use case only *enqueues* its e-mails, after its transaction commits (``enqueue_on_commit``):
nothing is sent for a change rolled back, and a refusing or silent mail server can never turn a
committed change into a 500. With the database backend (``TASKS_BACKEND``, run by
``manage.py db_worker`` under systemd) the request does not wait for SMTP; with the immediate
backend of dev and tests the task runs at once, so ``make run`` shows the e-mail on the console.

Retries with backoff (``retry_later``): a task whose mail server refused enqueues itself again
to run after 1, 5, 30 minutes, 2 and 12 hours, on a backend that can defer (django-tasks-db).

``send_email`` is the one task for a plain e-mail to one person: one task per recipient, so a
retry never sends a second copy to the others.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django_tasks import task

logger = logging.getLogger(__name__)

#: Seconds before attempt 2, 3, ...: then the e-mail is given up (and stays FAILED, logged).
BACKOFF = (60, 300, 1800, 7200, 43200)


def enqueue_on_commit(task_, *args, **kwargs) -> None:
    """Enqueue ``task_`` once the current transaction commits; a queue that refuses is logged,
    never raised into the request that already committed."""

    def enqueue():
        try:
            task_.enqueue(*args, **kwargs)
        except Exception:
            logger.exception("could not enqueue %s%r", task_.name, args)

    transaction.on_commit(enqueue)


def retry_later(task_, *args, attempt: int, **kwargs) -> bool:
    """Enqueue attempt ``attempt + 1`` of ``task_`` after its backoff delay; False when the
    attempts are used up or the backend runs tasks at once (it cannot defer them)."""
    if attempt > len(BACKOFF) or not task_.get_backend().supports_defer:
        return False
    run_after = timezone.now() + timedelta(seconds=BACKOFF[attempt - 1])
    task_.using(run_after=run_after).enqueue(*args, attempt=attempt + 1, **kwargs)
    return True


@task()
def send_email(subject: str, body: str, recipient: str, attempt: int = 1) -> None:
    """Send one rendered e-mail to one address; a refusal is retried with backoff."""
    try:
        send_mail(subject, body, None, [recipient])
    except Exception:
        if not retry_later(send_email, subject, body, recipient, attempt=attempt):
            logger.exception("e-mail to %s given up after %d attempts", recipient, attempt)
            raise
        logger.warning("e-mail to %s refused (attempt %d): retried later", recipient, attempt)
