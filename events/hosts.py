"""Telling hosts that registrations wait for their approval.

The hosts of a page are the confirmed editors and admins of the organisation that owns it.
Each chooses (``HostPreference``, on the host dashboard) between one e-mail per registration,
sent by a task after the commit that made it pending, and one daily summary
(``send_host_digests``, run by ``commons-host-digest.timer``). E-mails go out in the host's own
language; a summary counts as sent only once the mail server accepted it.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from events.emails import absolute
from events.models import HostPreference, Registration
from members.models import Membership, User
from members.permissions import EDITING_ROLES

logger = logging.getLogger(__name__)
Notices = HostPreference.ApprovalNotices


def organisation_of_page(page) -> int | None:
    return getattr(page.specific, "organisation_id", None)


def hosts_of_organisation(organisation_id: int | None) -> list[User]:
    if organisation_id is None:
        return []
    return list(
        User.objects.filter(
            is_active=True,
            memberships__organisation_id=organisation_id,
            memberships__status=Membership.Status.CONFIRMED,
            memberships__role__in=EDITING_ROLES,
        )
        .exclude(email="")
        .select_related("host_preference")
        .distinct()
        .order_by("pk")
    )


def notices_of(user: User) -> str:
    preference = getattr(user, "host_preference", None)
    return preference.approval_notices if preference else Notices.EACH


def set_notices(user: User, notices: str, *, actor: User) -> HostPreference:
    """The host chooses how she hears of pending registrations (only for herself)."""
    if actor.pk != user.pk or notices not in Notices.values:
        raise ValueError("a host sets her own preference to one of the choices")
    preference, _created = HostPreference.objects.update_or_create(
        user=user, defaults={"approval_notices": notices}
    )
    return preference


def _send(host: User, template: str, context: dict) -> None:
    with translation.override(host.preferred_language or settings.LANGUAGE_CODE):
        context = {
            **context,
            "host": host,
            "dashboard_url": absolute(reverse("events:host_sessions")),
        }
        subject = render_to_string(f"events/email/{template}_subject.txt", context)
        body = render_to_string(f"events/email/{template}.txt", context)
    send_mail(" ".join(subject.split())[:200], body, None, [host.email], fail_silently=False)


def pending_notice_hosts(registration_id: int) -> list[int]:
    """The hosts who want one e-mail per registration waiting for approval (ids): each gets
    her own task, so a retry never sends another host's e-mail twice."""
    registration = (
        Registration.objects.select_related("session__page")
        .filter(pk=registration_id, status=Registration.Status.PENDING)
        .first()
    )
    if registration is None:
        return []
    hosts = hosts_of_organisation(organisation_of_page(registration.session.page))
    return [host.pk for host in hosts if notices_of(host) == Notices.EACH]


def send_pending_notice(registration_id: int, host_id: int) -> int:
    """The e-mail to one host who wants one per registration (1 if sent). Nothing when the
    registration is no longer pending (approved meanwhile) or she is no longer a host."""
    registration = (
        Registration.objects.select_related("session__page", "user", "organisation")
        .filter(pk=registration_id, status=Registration.Status.PENDING)
        .first()
    )
    if registration is None:
        return 0
    session = registration.session
    host = next(
        (
            host
            for host in hosts_of_organisation(organisation_of_page(session.page))
            if host.pk == host_id and notices_of(host) == Notices.EACH
        ),
        None,
    )
    if host is None:
        return 0
    context = {
        "registration": registration,
        "session": session,
        "page": session.page,
        "session_url": absolute(reverse("events:host_session", args=[session.pk])),
    }
    _send(host, "host_pending", context)
    return 1


def send_host_digests(now: datetime | None = None) -> int:
    """The daily summary for hosts who chose it: every registration still waiting for them,
    sent when at least one became pending since the last summary. Returns summaries sent."""
    now = now or timezone.now()
    pending = (
        Registration.objects.filter(status=Registration.Status.PENDING)
        .select_related("session__page", "user", "organisation")
        .prefetch_related("events")
        .order_by("session__starts_at", "created_at", "pk")
    )
    by_organisation: dict[int, list[Registration]] = defaultdict(list)
    for registration in pending:
        organisation_id = organisation_of_page(registration.session.page)
        if organisation_id is not None:
            by_organisation[organisation_id].append(registration)
    hosts: dict[int, User] = {}
    waiting_for: dict[int, list[Registration]] = defaultdict(list)
    for organisation_id, registrations in by_organisation.items():
        for host in hosts_of_organisation(organisation_id):
            if notices_of(host) == Notices.DAILY:
                hosts[host.pk] = host
                waiting_for[host.pk].extend(registrations)
    sent = 0
    for host_id, registrations in waiting_for.items():
        host = hosts[host_id]
        since = host.host_preference.digest_sent_at
        new = [r for r in registrations if since is None or _pending_since(r) > since]
        if not new:
            continue
        try:
            _send(host, "host_digest", {"registrations": registrations, "new_count": len(new)})
        except Exception:
            logger.exception("daily summary for host %s not delivered", host_id)
            continue  # the next run tries again: the marker is unchanged
        HostPreference.objects.filter(user=host).update(digest_sent_at=now)
        sent += 1
    return sent


def _pending_since(registration: Registration) -> datetime:
    times = [e.created_at for e in registration.events.all() if e.to_status == "pending"]
    return max(times) if times else registration.created_at


#: How long before the registration deadline the hosts hear that a session is under its minimum.
MINIMUM_WARNING_DAYS = 7


def send_minimum_warnings(now: datetime | None = None) -> int:
    """Tell the hosts of each open session whose registration deadline is less than
    ``MINIMUM_WARNING_DAYS`` away with fewer people than the page's minimum (``"da 4 a 5
    persone"``): they may cancel it or move it from the dashboard, with everyone told. Once per
    session (and again after a move); marked only once every host's e-mail left. Returns how
    many sessions were reported. Run daily with the digest (``send_host_digests``)."""
    from events.models import Session
    from events.selectors import with_counts
    from events.services import policy_of

    now = now or timezone.now()
    horizon = now + timedelta(days=MINIMUM_WARNING_DAYS)
    candidates = with_counts(
        Session.objects.filter(
            status=Session.Status.OPEN, starts_at__gt=now, minimum_warning_sent_at__isnull=True
        ).select_related("page")
    ).order_by("starts_at", "pk")
    reported = 0
    for session in candidates:
        if not now <= session.effective_deadline <= horizon:
            continue
        minimum = policy_of(session.page).min_participants
        if not minimum or session.seats_taken >= minimum:
            continue
        hosts = hosts_of_organisation(organisation_of_page(session.page))
        context = {
            "session": session,
            "page": session.page,
            "minimum": minimum,
            "seats_taken": session.seats_taken,
            "session_url": absolute(reverse("events:host_session", args=[session.pk])),
        }
        try:
            for host in hosts:
                _send(host, "host_under_minimum", context)
        except Exception:
            logger.exception("under-minimum warning for session %s not delivered", session.pk)
            continue  # the next run tries again
        Session.objects.filter(pk=session.pk).update(minimum_warning_sent_at=now)
        reported += 1
    return reported
