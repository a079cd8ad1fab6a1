"""Per-person settings of the engine: the private calendar feed and the host's preference."""

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


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
