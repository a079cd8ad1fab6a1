"""Exchange offers on the map of regions (``practices.map``): published, public offers counted
per region of their host organisation, in one query."""

from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from core.visibility import public_pages_q
from exchange.models import ExchangeOfferPage
from practices.map import MapSource, register_map_source


def count_offers() -> dict[int, int]:
    rows = (
        ExchangeOfferPage.objects.filter(public_pages_q(), organisation__region__isnull=False)
        .order_by()
        .values("organisation__region")
        .annotate(count=Count("pk"))
    )
    return {row["organisation__region"]: row["count"] for row in rows}


def register() -> None:
    register_map_source(MapSource(key="offers", label=_("Exchanges"), count=count_offers))
