"""New community meetings in the weekly digest (``members.digests``): upcoming meetings
published since the last digest and hosted in the member's region or held by a community that
covers it, in one query. Meetings have no themes of their own, so only the region matches."""

from datetime import datetime

from django.conf import settings
from django.db.models import Q
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from communities.models import MeetingPage
from core.visibility import public_pages_q
from members.digests import DigestItem, DigestSource, register_digest_source


def digest_meetings(themes: list[int], region: int | None, since: datetime) -> list[DigestItem]:
    if region is None:
        return []
    pages = (
        MeetingPage.objects.filter(
            public_pages_q(),
            Q(organisation__region_id=region) | Q(community__regions=region),
            first_published_at__gte=since,
            start__gte=timezone.now(),
        )
        .select_related("community")
        .distinct()
        .order_by("start")[:20]
    )
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    return [
        DigestItem(
            title=page.title,
            url=base + (page.url or ""),
            summary=" · ".join(
                [
                    formats.date_format(timezone.localtime(page.start), "DATE_FORMAT"),
                    page.community.title,
                ]
            ),
        )
        for page in pages
    ]


def register() -> None:
    register_digest_source(
        DigestSource(key="meetings", title=_("New meetings"), items=digest_meetings, order=30)
    )
