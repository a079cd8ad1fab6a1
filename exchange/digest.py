"""New exchange offers in the weekly digest (``members.digests``): offers published since the
last digest on the member's themes or hosted in her region, in one query."""

from datetime import datetime

from django.conf import settings
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.visibility import public_pages_q
from exchange.models import ExchangeOfferPage
from members.digests import DigestItem, DigestSource, register_digest_source


def digest_offers(themes: list[int], region: int | None, since: datetime) -> list[DigestItem]:
    match = Q(themes__in=themes) if themes else Q(pk__in=[])
    if region is not None:
        match |= Q(organisation__region_id=region)
    pages = (
        ExchangeOfferPage.objects.filter(public_pages_q(), match, first_published_at__gte=since)
        .distinct()
        .order_by("-first_published_at")[:20]
    )
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    return [
        DigestItem(title=page.title, url=base + (page.url or ""), summary=page.summary)
        for page in pages
    ]


def register() -> None:
    register_digest_source(
        DigestSource(key="offers", title=_("New exchanges"), items=digest_offers, order=20)
    )
