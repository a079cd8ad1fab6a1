"""Scheduled e-mails: reminders two days before a session and the follow-up after a visit.

Each registration carries a sent-at marker that is claimed with a conditional UPDATE before the
e-mail goes out, so running the commands twice (or twice at once) never e-mails anyone twice.
"""

from datetime import datetime, timedelta

from django.utils import timezone

from events.emails import build_message
from events.models import Registration, Session

REMINDER_WINDOW = timedelta(days=2)


def _claim(registration: Registration, field: str, now: datetime) -> bool:
    return bool(
        Registration.objects.filter(pk=registration.pk, **{f"{field}__isnull": True}).update(
            **{field: now}
        )
    )


def send_reminders(now: datetime | None = None) -> int:
    """E-mail confirmed people of sessions starting within two days. Returns how many."""
    now = now or timezone.now()
    due = Registration.objects.filter(
        status=Registration.Status.CONFIRMED,
        reminder_sent_at__isnull=True,
        session__status=Session.Status.OPEN,
        session__starts_at__gt=now,
        session__starts_at__lte=now + REMINDER_WINDOW,
    ).select_related("session__page", "user")
    sent = 0
    for registration in due:
        if _claim(registration, "reminder_sent_at", now):
            build_message("reminder", registration).send()
            sent += 1
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
        followup_sent_at__isnull=True,
        followup_answer="",
        session__ends_at__lte=now,
    ).select_related("session__page", "user")
    sent = 0
    for registration in due:
        if _claim(registration, "followup_sent_at", now):
            build_message("followup", registration).send()
            sent += 1
    return sent
