"""The calendar index page and the registration policy mixin pages with sessions use."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import Page

from core.models import SectionIndexPage


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
