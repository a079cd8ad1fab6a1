"""A ``Session``: one dated occurrence of a page (an offer, a meeting) people register for."""

import logging

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import Orderable

logger = logging.getLogger(__name__)


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
