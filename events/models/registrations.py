"""Registrations, the questions asked when registering, and each registration's history.

Registrations change only through ``events.services``; models hold data and small invariants.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import Orderable

from events.models.sessions import Session


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
