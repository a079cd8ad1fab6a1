"""Everything on the calendar: exchange sessions, community meetings and registrations.

A ``Session`` belongs to a Wagtail page (an exchange offer today, a community meeting later);
the page says how registration works through the ``RegistrationPolicy`` mixin. The rules that
change registrations live in ``events.services``; models hold data and small invariants only.
"""

import logging
import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.models import Orderable, Page

from core.models import SectionIndexPage

logger = logging.getLogger(__name__)


class EventIndexPage(SectionIndexPage):
    """The calendar of sessions and meetings ("Eventi"): upcoming sessions, soonest first."""

    empty_message = _("No upcoming event. Sessions and community meetings will be listed here.")
    items_per_page = 20

    class Meta:
        verbose_name = _("event index page")

    def serve(self, request, *args, **kwargs):
        # The list and month calendar of sessions and meetings (events.calendar_views).
        from events import calendar_views

        context = Page.get_context(self, request, *args, **kwargs)
        return calendar_views.serve_index(request, self, context)


class RegistrationPolicy(models.Model):
    """Abstract page mixin: how people register for the sessions of the page.

    The engine (``events.services``) reads these fields from the page a session belongs to.
    """

    class DatesMode(models.TextChoices):
        ALTERNATIVES = "alternatives", _("Alternatives: a person attends one of the dates")
        SEVERAL = "several", _("Several sessions: each date is its own group")

    class ApprovalMode(models.TextChoices):
        AUTOMATIC = "automatic", _("Automatic confirmation")
        HOST = "host", _("Approval by the host")

    dates_mode = models.CharField(
        _("how dates work"),
        max_length=16,
        choices=DatesMode.choices,
        default=DatesMode.ALTERNATIVES,
        help_text=_(
            "Alternatives (O): a person may register for one date only. Several sessions (E): "
            "each date is a separate group and a person may attend more than one."
        ),
    )
    approval_mode = models.CharField(
        _("approval"),
        max_length=16,
        choices=ApprovalMode.choices,
        default=ApprovalMode.AUTOMATIC,
        help_text=_(
            "Automatic: a free seat confirms the registration at once. By the host: the "
            "registration holds a seat and waits for the host's approval."
        ),
    )
    per_organisation_cap = models.PositiveSmallIntegerField(
        _("cap per organisation"),
        null=True,
        blank=True,
        help_text=_("Most people of the same organisation in one session (e.g. 2). Empty: no cap."),
    )

    class WaitlistMode(models.TextChoices):
        AT_ONCE = "at_once", _("Promote at once: a free seat goes to the first person waiting")
        OFFER = "offer", _("Offer the seat: the first person waiting has some hours to accept it")

    waitlist_mode = models.CharField(
        _("waiting list"),
        max_length=16,
        choices=WaitlistMode.choices,
        default=WaitlistMode.AT_ONCE,
        help_text=_(
            "Offer the seat: she gets an e-mail to accept or decline; the seat is held for her "
            "meanwhile, and goes to the next person on decline or when the hours run out."
        ),
    )
    offer_hours = models.PositiveSmallIntegerField(
        _("hours to accept a seat offer"),
        default=48,
        validators=[MinValueValidator(1), MaxValueValidator(720)],
        help_text=_("How long a seat offered from the waiting list is held (e.g. 48)."),
    )
    min_participants = models.PositiveSmallIntegerField(
        _("minimum participants"),
        null=True,
        blank=True,
        help_text=_(
            "Fewest people for a session to take place (e.g. 4); the most is each session's "
            "seats. When the deadline nears with fewer, the hosts are e-mailed. Empty: no minimum."
        ),
    )

    policy_panels = [
        MultiFieldPanel(
            [
                FieldPanel("dates_mode"),
                FieldPanel("approval_mode"),
                FieldPanel("per_organisation_cap"),
                FieldPanel("min_participants"),
                FieldPanel("waitlist_mode"),
                FieldPanel("offer_hours"),
            ],
            heading=_("Registration"),
        )
    ]

    class Meta:
        abstract = True

    @property
    def requires_approval(self) -> bool:
        return self.approval_mode == self.ApprovalMode.HOST

    @property
    def dates_are_alternatives(self) -> bool:
        return self.dates_mode == self.DatesMode.ALTERNATIVES


class Session(Orderable):
    """A dated occurrence people register for: one group of a study visit, one meeting."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")
        CANCELLED = "cancelled", _("Cancelled")

    page = ParentalKey(
        "wagtailcore.Page",
        on_delete=models.CASCADE,
        related_name="sessions",
        verbose_name=_("page"),
        help_text=_("The exchange offer or meeting this session belongs to."),
    )
    label = models.CharField(
        _("label"),
        max_length=120,
        blank=True,
        help_text=_('Optional name of the group, e.g. "First group".'),
    )
    starts_at = models.DateTimeField(_("starts at"), help_text=_("Date and time (Italian time)."))
    ends_at = models.DateTimeField(_("ends at"), help_text=_("Date and time (Italian time)."))
    capacity = models.PositiveIntegerField(
        _("seats"),
        null=True,
        blank=True,
        help_text=_("How many people can take part. Empty: no limit."),
    )
    registration_opens_at = models.DateTimeField(
        _("registration opens"),
        null=True,
        blank=True,
        help_text=_("Empty: registration is open as soon as the page is published."),
    )
    registration_deadline = models.DateTimeField(
        _("registration deadline"),
        null=True,
        blank=True,
        help_text=_("Empty: registration closes when the session starts."),
    )
    place = models.CharField(
        _("place"), max_length=255, blank=True, help_text=_("Address or meeting point.")
    )
    online_url = models.URLField(
        _("online link"), blank=True, help_text=_("Video-call link, for online sessions.")
    )
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=Status.choices,
        default=Status.OPEN,
        help_text=_("Closed: no new registrations. Cancelled: the session will not take place."),
    )

    #: When the hosts were told that the deadline nears with fewer people than the page's
    #: minimum (``events.hosts.send_minimum_warnings``): once per session.
    minimum_warning_sent_at = models.DateTimeField(
        _("under-minimum warning sent at"), null=True, blank=True, editable=False
    )

    panels = [
        FieldPanel("label"),
        FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
        FieldPanel("capacity"),
        FieldRowPanel([FieldPanel("registration_opens_at"), FieldPanel("registration_deadline")]),
        FieldPanel("place"),
        FieldPanel("online_url"),
        FieldPanel("status"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gte=models.F("starts_at")), name="session_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        when = timezone.localtime(self.starts_at).strftime("%d/%m/%Y %H:%M")
        return f"{self.page.title} - {self.label or when}" if self.page_id else when

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        errors = {}
        if self.starts_at and self.ends_at and self.ends_at < self.starts_at:
            errors["ends_at"] = _("The session must end after it starts.")
        if (
            self.registration_deadline
            and self.registration_opens_at
            and self.registration_deadline < self.registration_opens_at
        ):
            errors["registration_deadline"] = _("The deadline must come after the opening.")
        if errors:
            raise ValidationError(errors)

    def delete(self, *args, **kwargs):
        """A session people registered for is never deleted: publishing an older revision of
        its page that lacks it (django-modelcluster deletes the children a revision does not
        list, one by one) keeps it, with its registrations, instead of failing on their
        PROTECT. The editor's form refuses removing it in words (``SessionsPageFormMixin``);
        to stop it taking place, cancel it. See docs/adr/0002."""
        if self.pk is not None and self.registrations.exists():
            logger.warning("session %s has registrations: kept, not deleted", self.pk)
            return 0, {}
        return super().delete(*args, **kwargs)

    @property
    def free_seats(self) -> int | None:
        """Free seats; needs the ``seats_taken`` annotation of ``events.selectors``."""
        if self.capacity is None:
            return None
        return max(self.capacity - getattr(self, "seats_taken", 0), 0)

    @property
    def effective_deadline(self):
        return self.registration_deadline or self.starts_at


class RegistrationQuestion(Orderable):
    """A question (or a consent) asked when a person registers for the sessions of a page: an
    exchange offer, a meeting. Defined by the host in the page editor (an inline panel); the
    answers are kept on the registration (``Registration.answers``)."""

    class Kind(models.TextChoices):
        SHORT_TEXT = "short_text", _("Short text")
        LONG_TEXT = "long_text", _("Long text")
        CHOICE = "choice", _("Choice among options")
        YES_NO = "yes_no", _("Yes or no")
        CONSENT = "consent", _("Consent (a box to tick)")
        ACCESSIBILITY = "accessibility", _("Accessibility needs (standard)")
        DIETARY = "dietary", _("Dietary needs (standard)")

    #: The standard questions: their label when the host leaves it empty.
    STANDARD_LABELS = {
        Kind.ACCESSIBILITY: _("Accessibility needs (e.g. step-free access, sign language)"),
        Kind.DIETARY: _("Dietary needs (e.g. vegetarian, allergies)"),
    }

    page = ParentalKey(
        "wagtailcore.Page",
        on_delete=models.CASCADE,
        related_name="registration_questions",
        verbose_name=_("page"),
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    label = models.CharField(
        _("question"),
        max_length=255,
        blank=True,
        help_text=_("For a consent, the text the person agrees to. Empty for a standard question."),
    )
    help_text = models.CharField(_("help text"), max_length=255, blank=True)
    options = models.TextField(
        _("options"), blank=True, help_text=_("For a choice: one option per line.")
    )
    required = models.BooleanField(
        _("required"), default=False, help_text=_("A consent that is required must be ticked.")
    )

    panels = [
        FieldRowPanel([FieldPanel("kind"), FieldPanel("required")]),
        FieldPanel("label"),
        FieldPanel("help_text"),
        FieldPanel("options"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("registration question")
        verbose_name_plural = _("registration questions")

    def __str__(self) -> str:
        return str(self.text)

    @property
    def text(self) -> str:
        return self.label or str(self.STANDARD_LABELS.get(self.kind, ""))

    @property
    def option_list(self) -> list[str]:
        return [line.strip() for line in self.options.splitlines() if line.strip()]

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        if self.kind == self.Kind.CHOICE and len(self.option_list) < 2:
            raise ValidationError({"options": _("A choice needs at least two options.")})
        if not self.label and self.kind not in self.STANDARD_LABELS:
            raise ValidationError({"label": _("Write the question.")})


SEAT_OFFER_SALT = "events.seat-offer"


class Registration(models.Model):
    """A person's registration for a session. Changed only through ``events.services``."""

    class Status(models.TextChoices):
        # A context of their own: "Confirmed" of a membership is another word in Italian
        # (the members catalogue comes first), a registration is "Confermata".
        PENDING = "pending", pgettext_lazy("registration status", "Pending approval")
        CONFIRMED = "confirmed", pgettext_lazy("registration status", "Confirmed")
        WAITLISTED = "waitlisted", pgettext_lazy("registration status", "On the waiting list")
        DECLINED = "declined", pgettext_lazy("registration status", "Declined")
        CANCELLED = "cancelled", pgettext_lazy("registration status", "Cancelled")
        ATTENDED = "attended", pgettext_lazy("registration status", "Attended")
        NO_SHOW = "no_show", pgettext_lazy("registration status", "Did not attend")
        #: A seat from the waiting list offered to her until ``offer_expires_at``: it is held.
        OFFERED = "offered", pgettext_lazy("registration status", "Seat offered")

    #: States in which a person holds her place (one per person per session).
    ACTIVE = (
        Status.PENDING,
        Status.CONFIRMED,
        Status.WAITLISTED,
        Status.ATTENDED,
        Status.NO_SHOW,
        Status.OFFERED,
    )
    #: States that hold a seat (capacity counts these).
    SEATED = (Status.PENDING, Status.CONFIRMED, Status.OFFERED)
    #: States that may still be cancelled.
    CANCELLABLE = (Status.PENDING, Status.CONFIRMED, Status.WAITLISTED, Status.OFFERED)

    class Answer(models.TextChoices):
        YES = "yes", _("Yes, we adopted it")
        PLANNED = "planned", _("Not yet, but we plan to")
        NO = "no", _("No")

    session = models.ForeignKey(
        Session, on_delete=models.PROTECT, related_name="registrations", verbose_name=_("session")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        # A deleted account leaves its registrations, anonymised (events.privacy): hosts keep
        # their figures and history, the seats went back through the engine.
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="registrations",
        verbose_name=_("person"),
        help_text=_("Empty once the person deleted her account."),
    )
    organisation = models.ForeignKey(
        "members.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="registrations",
        verbose_name=_("organisation"),
        help_text=_("The person's organisation when she registered."),
    )
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, db_index=True)
    waitlist_position = models.PositiveIntegerField(
        _("waiting list position"), null=True, blank=True
    )
    created_at = models.DateTimeField(_("registered at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    reminder_sent_at = models.DateTimeField(_("reminder sent at"), null=True, blank=True)
    followup_sent_at = models.DateTimeField(_("follow-up sent at"), null=True, blank=True)
    followup_answer = models.CharField(
        _("adopted the practice?"), max_length=8, choices=Answer.choices, blank=True
    )
    followup_answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    #: The answers to the page's registration questions, as asked when she registered:
    #: ``[{"question": pk, "label": "...", "kind": "...", "value": "..."}]`` (the label is
    #: kept, so a question edited or removed later still reads as it was asked).
    answers = models.JSONField(_("answers"), default=list, blank=True)
    offer_expires_at = models.DateTimeField(_("seat offer expires at"), null=True, blank=True)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "user"],
                condition=Q(
                    status__in=[
                        "pending",
                        "confirmed",
                        "waitlisted",
                        "attended",
                        "no_show",
                        "offered",
                    ]
                ),
                name="registration_one_active_per_person",
            ),
            models.CheckConstraint(
                condition=Q(status="waitlisted", waitlist_position__isnull=False)
                | (~Q(status="waitlisted") & Q(waitlist_position__isnull=True)),
                name="registration_position_only_when_waitlisted",
            ),
        ]

    def __str__(self) -> str:
        who = self.user if self.user_id else _("deleted account")
        return f"{who} - {self.session} ({self.get_status_display()})"

    @property
    def is_active(self) -> bool:
        return self.status in self.ACTIVE

    @property
    def seat_offer_url(self) -> str:
        """The signed link of the e-mail that offers her a seat (accept or decline)."""
        from django.core import signing
        from django.urls import reverse

        token = signing.dumps({"r": self.pk}, salt=SEAT_OFFER_SALT)
        return reverse("events:seat_offer", args=[token])

    @property
    def can_be_cancelled(self) -> bool:
        return self.status in self.CANCELLABLE and self.session.starts_at > timezone.now()


class RegistrationEvent(models.Model):
    """One change of a registration's state: who, when, from what, to what."""

    registration = models.ForeignKey(
        Registration,
        on_delete=models.CASCADE,
        related_name="events",
        verbose_name=_("registration"),
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    from_status = models.CharField(_("from"), max_length=16, blank=True)
    to_status = models.CharField(_("to"), max_length=16)
    created_at = models.DateTimeField(_("at"), default=timezone.now)
    note = models.CharField(_("note"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("registration change")
        verbose_name_plural = _("registration changes")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.registration_id}: {self.from_status or '-'} -> {self.to_status}"


def new_feed_token() -> str:
    return secrets.token_urlsafe(32)


class CalendarFeed(models.Model):
    """A person's private calendar feed: a secret URL listing her sessions. Revocable."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="calendar_feed",
        verbose_name=_("person"),
    )
    token = models.CharField(_("token"), max_length=64, unique=True, default=new_feed_token)
    created_at = models.DateTimeField(_("created at"), auto_now=True)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")

    def __str__(self) -> str:
        return str(self.user)


class HostPreference(models.Model):
    """How a host (an editor of the organisation offering sessions) hears of registrations
    waiting for her approval: one e-mail each, or one daily digest."""

    class ApprovalNotices(models.TextChoices):
        EACH = "each", _("An e-mail for each registration")
        DAILY = "daily", _("One daily summary")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="host_preference",
        verbose_name=_("person"),
    )
    approval_notices = models.CharField(
        _("registrations waiting for approval"),
        max_length=8,
        choices=ApprovalNotices.choices,
        default=ApprovalNotices.EACH,
    )
    digest_sent_at = models.DateTimeField(_("last summary sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("host preference")
        verbose_name_plural = _("host preferences")

    def __str__(self) -> str:
        return f"{self.user}: {self.approval_notices}"
