"""The engine's personal data, for the privacy registry of ``members.privacy``.

Export: every registration of the person with its history, her answers to the registration
questions, her follow-up answers, whether she
has a private calendar feed, and how she hears of registrations as a host. Erasure is
anonymisation: her registrations stay (hosts keep their figures, history and adoption answers,
with the organisation), without her and without her answers to the registration questions; a
seat she still held for a session to come is cancelled
through the engine first, so it goes to the first person waiting. Registered in
``events.apps.EventsConfig.ready``.
"""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from events import services
from events.models import CalendarFeed, HostPreference, Registration, RegistrationEvent
from members.models import User
from members.privacy import register_personal_data

ACCOUNT_DELETED_NOTE = "account deleted"


def export_registrations(user: User) -> list[dict]:
    registrations = (
        Registration.objects.filter(user=user)
        .select_related("session__page", "organisation")
        .prefetch_related("events")
        .order_by("created_at", "pk")
    )
    return [
        {
            "title": registration.session.page.title,
            "session": registration.session.label,
            "starts_at": registration.session.starts_at,
            "ends_at": registration.session.ends_at,
            "organisation": registration.organisation.name if registration.organisation else "",
            "status": registration.status,
            "waitlist_position": registration.waitlist_position,
            "registered_at": registration.created_at,
            "followup_answer": registration.followup_answer,
            "followup_answered_at": registration.followup_answered_at,
            "answers": [
                {"question": answer.get("label", ""), "answer": answer.get("value", "")}
                for answer in registration.answers
            ],
            "history": [
                {
                    "from": event.from_status,
                    "to": event.to_status,
                    "at": event.created_at,
                    "note": event.note,
                    "by_me": event.actor_id == user.pk,
                }
                for event in registration.events.all()
            ],
        }
        for registration in registrations
    ]


def export_calendar_feed(user: User) -> dict | None:
    feed = CalendarFeed.objects.filter(user=user).first()
    return {"created_at": feed.created_at} if feed else None


def export_host_preference(user: User) -> dict | None:
    preference = HostPreference.objects.filter(user=user).first()
    if preference is None:
        return None
    return {
        "approval_notices": preference.approval_notices,
        "digest_sent_at": preference.digest_sent_at,
    }


def anonymise_registrations(user: User) -> None:
    """Runs inside ``delete_account``'s transaction, before the account row goes."""
    now = timezone.now()
    upcoming = Registration.objects.filter(
        user=user, status__in=Registration.CANCELLABLE, session__starts_at__gt=now
    ).values_list("pk", flat=True)
    for registration_id in list(upcoming):
        # Through the engine: the freed seat is promoted in order, the history says why.
        services.cancel_registration(registration_id, actor=None, note=ACCOUNT_DELETED_NOTE)
    # Her answers to the registration questions (needs, consents) are hers: erased.
    Registration.objects.filter(user=user).update(user=None, answers=[])
    RegistrationEvent.objects.filter(actor=user).update(actor=None)


def erase_calendar_feed(user: User) -> None:
    # The feed's secret URL must stop working at once; nothing of it is worth keeping.
    CalendarFeed.objects.filter(user=user).delete()


def register() -> None:
    register_personal_data(
        "registrations",
        export_registrations,
        anonymise_registrations,
        covers=["events.Registration.user", "events.RegistrationEvent.actor"],
        kept=_(
            "Your registrations to sessions already held stay, without your name, with your "
            "organisation and their history: hosts count who took part. Registrations to "
            "sessions still to come are cancelled, so the next person on the waiting list gets "
            "the seat."
        ),
    )
    register_personal_data(
        "calendar_feed",
        export_calendar_feed,
        erase_calendar_feed,
        covers=["events.CalendarFeed.user"],
    )
    # Deleted with the account (CASCADE): nothing of it is kept.
    register_personal_data(
        "host_preference", export_host_preference, covers=["events.HostPreference.user"]
    )
