"""Scheduled e-mails: reminders two days before a session and the follow-up after a visit.

Each registration carries a sent-at marker, set by the e-mail task only once the mail server
accepted the message (``events.tasks.send_scheduled_email``, which holds the row lock while
sending): running the commands twice (or twice at once) never e-mails anyone twice, and a
failed delivery is tried again at the next run.
"""

from datetime import datetime, timedelta

from django.utils import timezone
from django_tasks import TaskResultStatus

from events.models import Registration, Session
from events.tasks import send_scheduled_email

REMINDER_WINDOW = timedelta(days=2)


def _send(kind: str, registration: Registration, field: str) -> bool:
    """Hand one scheduled e-mail to the queue; True unless it is known to have failed or to
    have been sent already by another run."""
    result = send_scheduled_email.enqueue(kind, registration.pk, field)
    if result.status == TaskResultStatus.FAILED:
        return False
    return result.status != TaskResultStatus.SUCCESSFUL or bool(result.return_value)


def send_reminders(now: datetime | None = None) -> int:
    """E-mail confirmed people of sessions starting within two days, unless they turned
    reminders off on their profile. Returns how many."""
    now = now or timezone.now()
    due = Registration.objects.filter(
        status=Registration.Status.CONFIRMED,
        reminder_sent_at__isnull=True,
        user__notify_reminders=True,  # the person's choice on her profile
        session__status=Session.Status.OPEN,
        session__starts_at__gt=now,
        session__starts_at__lte=now + REMINDER_WINDOW,
    ).select_related("session__page", "user")
    sent = 0
    for registration in due:
        sent += _send("reminder", registration, "reminder_sent_at")
    return sent


def followup_content_types() -> list:
    """Page types that ask attendees about adoption: those with a ``record_adoption`` hook
    (exchange offers present a practice; community meetings do not)."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import get_page_models

    models = [
        model for model in get_page_models() if callable(getattr(model, "record_adoption", None))
    ]
    return list(ContentType.objects.get_for_models(*models).values()) if models else []


def send_followups(now: datetime | None = None) -> int:
    """Ask attendees of ended visits whether their organisation adopted the practice."""
    now = now or timezone.now()
    due = Registration.objects.filter(
        session__page__content_type__in=followup_content_types(),
        status=Registration.Status.ATTENDED,
        user__isnull=False,  # nobody to ask once the account is deleted
        followup_sent_at__isnull=True,
        followup_answer="",
        session__ends_at__lte=now,
    ).select_related("session__page", "user")
    sent = 0
    for registration in due:
        sent += _send("followup", registration, "followup_sent_at")
    return sent
