"""E-mails of the registration engine: plain text and HTML, in the site's language (Italian).

Services enqueue ``events.tasks.send_registration_email`` after the commit, so nothing is sent
for a change that was rolled back; host messages go through one task per person as well.
"""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from events import tasks
from events.models import Registration
from members.models import User

SUBJECTS = {
    "registered": _("Registration confirmed: %(title)s"),
    "pending": _("Registration received, waiting for the host's approval: %(title)s"),
    "waitlisted": _("You are on the waiting list: %(title)s"),
    "promoted": _("A seat is free for you: %(title)s"),
    "offered": _("A seat is offered to you: accept or decline - %(title)s"),
    "offer_expired": _("The seat offered to you has gone to the next person: %(title)s"),
    "approved": _("Registration approved: %(title)s"),
    "declined": _("Registration not accepted: %(title)s"),
    "cancelled": _("Registration cancelled: %(title)s"),
    "date_changed": _("Date changed: %(title)s"),
    "transferred_out": _("Your seat has been handed over: %(title)s"),
    "transferred_in": _("A colleague handed you her seat: %(title)s"),
    "cancelled_by_host": _("Registration cancelled by the host: %(title)s"),
    "reminder": _("Reminder: %(title)s is in two days"),
    "changed": _("Change of date or place: %(title)s"),
    "followup": _("After the visit: did your organisation adopt the practice? %(title)s"),
}

MESSAGES = {
    "registered": _("your registration is confirmed. We look forward to seeing you."),
    "pending": _(
        "we received your registration. The host confirms registrations personally: you will "
        "get an e-mail as soon as it is approved. Your seat is held meanwhile."
    ),
    "waitlisted": _(
        "the session is full, so you are on the waiting list. If a seat becomes free it goes "
        "to the first person on the list, and we will write to you at once."
    ),
    "promoted": _("a seat has become free and it is yours: you are no longer on the waiting list."),
    "offered": _(
        "a seat has become free and it is offered to you. It is held for you until the time "
        "below: accept it or let it go with the link, and it goes to the next person waiting."
    ),
    "offer_expired": _(
        "you did not answer the seat offer in time, so the seat has gone to the next person "
        "waiting. You can register again while the session takes registrations."
    ),
    "approved": _("the host has approved your registration. See you there."),
    "declined": _("the host could not accept your registration this time."),
    "cancelled": _(
        "your registration is cancelled, as you asked, and your seat goes to the next person "
        "waiting. Changed your mind? Register again while seats are open."
    ),
    "cancelled_by_host": _("the host has cancelled your registration."),
    "date_changed": _("your registration has moved to the date below; the other one is let go."),
    "transferred_out": _(
        "as you asked, your seat has gone to your colleague: your registration is cancelled."
    ),
    "transferred_in": _(
        "a colleague of your organisation handed you her seat: you are registered for the "
        "session below."
    ),
    "reminder": _("a reminder: the session you registered for starts in two days."),
    "changed": _(
        "the date, time or place of the session you registered for has changed. The new "
        "details are below; your registration stays as it was."
    ),
    "followup": _(
        "thank you for taking part. Did your organisation adopt the practice you saw? Your "
        "answer takes a minute and shows other municipalities what works."
    ),
}


def absolute(path: str) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def build_message(kind: str, registration: Registration, extra_text: str = ""):
    session = registration.session
    page = session.page
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "registration": registration,
            "session": session,
            "page": page,
            "greeting_name": registration.user.get_short_name(),
            "message": MESSAGES.get(kind, ""),
            "extra_text": extra_text,
            "status": registration.get_status_display(),
            "page_url": absolute(page.url or "/"),
            "my_url": absolute(reverse("events:my_registrations")),
            "ics_url": absolute(reverse("events:session_ics", args=[session.pk])),
            "followup_url": absolute(reverse("events:followup", args=[registration.pk]))
            if kind == "followup"
            else "",
            "offer_url": absolute(registration.seat_offer_url) if kind == "offered" else "",
        }
        subject = str(SUBJECTS[kind] % {"title": page.title}) if kind in SUBJECTS else kind
        text = render_to_string("events/email/registration.txt", context)
        html = render_to_string("events/email/registration.html", context)
    message = EmailMultiAlternatives(
        subject=subject.replace("\n", " ")[:200],
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[registration.user.email],
    )
    message.attach_alternative(html, "text/html")
    return message


def send_registration_email(kind: str, registration_id: int) -> None:
    registration = Registration.objects.select_related("session__page", "user").get(
        pk=registration_id
    )
    build_message(kind, registration).send(fail_silently=False)


def send_message_to_participants(session, subject: str, body: str, sender) -> int:
    """The host writes to everyone registered (confirmed, pending, waitlisted): one task per
    person, enqueued after the commit, so a slow or refusing mail server never holds or fails
    the host's request. Returns how many people it is for."""
    recipients = list(
        session.registrations.filter(status__in=Registration.CANCELLABLE, user__isnull=False)
        .values_list("pk", flat=True)
        .order_by("pk")
    )
    sender_id = sender.pk if sender is not None else None
    for registration_id in recipients:
        tasks.enqueue_on_commit(tasks.send_host_message, registration_id, subject, body, sender_id)
    return len(recipients)


def build_host_message(registration: Registration, subject: str, body: str, sender):
    session = registration.session
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "registration": registration,
            "session": session,
            "page": session.page,
            "greeting_name": registration.user.get_short_name(),
            "message": "",
            "extra_text": body,
            "sender": sender,
            "status": registration.get_status_display(),
            "page_url": absolute(session.page.url or "/"),
            "my_url": absolute(reverse("events:my_registrations")),
            "ics_url": absolute(reverse("events:session_ics", args=[session.pk])),
            "followup_url": "",
        }
        text = render_to_string("events/email/registration.txt", context)
        html = render_to_string("events/email/registration.html", context)
    message = EmailMultiAlternatives(
        subject=f"[{session.page.title}] {subject}".replace("\n", " ")[:200],
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[registration.user.email],
        reply_to=[sender.email] if sender and sender.email else None,
    )
    message.attach_alternative(html, "text/html")
    return message


def send_host_message(registration_id: int, subject: str, body: str, sender_id) -> bool:
    """One host message to one person; False when she is no longer there to receive it."""
    registration = (
        Registration.objects.select_related("session__page", "user")
        .filter(pk=registration_id, user__isnull=False)
        .first()
    )
    if registration is None:
        return False
    sender = User.objects.filter(pk=sender_id).first() if sender_id else None
    build_host_message(registration, subject, body, sender).send(fail_silently=False)
    return True
