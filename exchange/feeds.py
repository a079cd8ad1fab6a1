"""RSS and Atom feeds of exchange offers with a session still to come."""

from django.db.models import Min, Q
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from core.feeds import FEED_SIZE, PageFeed, index_url
from exchange.models import ExchangeIndexPage, ExchangeOfferPage


class OffersFeed(PageFeed):
    title = _("Upcoming exchange visits · Scambi tra Comuni")
    description = _("Study visits with a session still to come, the soonest first.")

    def link(self):
        return index_url(ExchangeIndexPage, self.request)

    def items(self):
        now = timezone.now()
        return (
            ExchangeOfferPage.objects.live()
            .public()
            .annotate(next_start=Min("sessions__starts_at", filter=Q(sessions__starts_at__gte=now)))
            .filter(next_start__isnull=False)
            .select_related("organisation")
            .order_by("next_start", "pk")[:FEED_SIZE]
        )


class OffersAtomFeed(OffersFeed):
    feed_type = Atom1Feed
    subtitle = OffersFeed.description
