"""The weekly digest: new content on the themes a member follows (her interests) and in her
organisation's region, for members who asked for it (``User.notify_new_content``, on her
profile), with a one-click unsubscribe (a signed token, no login needed).

Members cannot import the apps that publish, so each app offers a digest source in its
``AppConfig.ready()`` (``register_digest_source``): a title and a function returning the items
published since a moment that touch the given themes or region. Practices fills it for new
practice sheets, exchange for new offers (``exchange/digest.py``) and communities for new
meetings (``communities/digest.py``).

``manage.py send_digests`` (weekly, from a timer) enqueues one task per member through the
task queue; each task composes and sends her e-mail, in her language.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django_tasks import task

logger = logging.getLogger(__name__)

UNSUBSCRIBE_SALT = "members.digest.unsubscribe"
PERIOD = timedelta(days=7)


@dataclass(frozen=True)
class DigestItem:
    title: str
    url: str
    summary: str = ""


@dataclass(frozen=True)
class DigestSource:
    key: str
    title: str
    #: (theme ids, region id or None, since) -> list of DigestItem, in a constant number of queries
    items: Callable[[list[int], int | None, datetime], list[DigestItem]]
    order: int = 100


_SOURCES: dict[str, DigestSource] = {}


def register_digest_source(source: DigestSource) -> None:
    _SOURCES[source.key] = source


def digest_sources() -> list[DigestSource]:
    return sorted(_SOURCES.values(), key=lambda source: (source.order, source.key))


def unsubscribe_token(user) -> str:
    return signing.dumps({"u": user.pk}, salt=UNSUBSCRIBE_SALT)


def user_from_token(token: str):
    """The member of a valid token, or None (tampered, or the account is gone)."""
    from members.models import User

    try:
        data = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    return User.objects.filter(pk=data.get("u"), is_active=True).first()


def _absolute(path: str) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def _followed(user) -> tuple[list[int], int | None]:
    from members.models import Membership

    themes = list(user.interests.values_list("pk", flat=True))
    membership = (
        Membership.objects.filter(user=user, status=Membership.Status.CONFIRMED)
        .select_related("organisation")
        .first()
    )
    region = membership.organisation.region_id if membership else None
    return themes, region


def compose(user, since: datetime) -> list[dict]:
    """The digest's sections (source title and items) for ``user``; empty ones are left out."""
    themes, region = _followed(user)
    if not themes and region is None:
        return []
    sections = []
    for source in digest_sources():
        items = source.items(themes, region, since)
        if items:
            sections.append({"title": str(source.title), "items": items})
    return sections


def send_digest_now(user, since: datetime) -> bool:
    """Compose and send ``user``'s digest; False when there is nothing new for her."""
    with translation.override(user.preferred_language or settings.LANGUAGE_CODE):
        sections = compose(user, since)
        if not sections:
            return False
        token = unsubscribe_token(user)
        unsubscribe = _absolute(reverse("members:digest_unsubscribe", args=[token]))
        context = {
            "user": user,
            "sections": sections,
            "unsubscribe_url": unsubscribe,
            "profile_url": _absolute(reverse("members:profile")),
        }
        subject = render_to_string("members/email/digest_subject.txt", context).strip()
        text = render_to_string("members/email/digest.txt", context)
    message = EmailMultiAlternatives(
        subject,
        text,
        to=[user.email],
        headers={
            # One-click unsubscribe from the mail client (RFC 8058).
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    message.send()
    return True


@task()
def send_digest(user_id: int, since_iso: str) -> None:
    from members.models import User

    user = User.objects.filter(pk=user_id, is_active=True, notify_new_content=True).first()
    if user is None:
        return
    send_digest_now(user, datetime.fromisoformat(since_iso))


def enqueue_weekly_digests(now: datetime | None = None) -> int:
    """One task per member who asked for the digest (a verified, active account)."""
    from members.models import User

    since = (now or timezone.now()) - PERIOD
    users = User.objects.filter(
        is_active=True, notify_new_content=True, emailaddress__verified=True
    ).distinct()
    count = 0
    for user_id in users.values_list("pk", flat=True):
        try:
            send_digest.enqueue(user_id, since.isoformat())
            count += 1
        except Exception:
            logger.exception("could not enqueue the digest of user %s", user_id)
    return count
