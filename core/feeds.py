"""RSS and Atom feeds of new practices and of upcoming exchange offers.

Only live pages that anyone may see (``.live().public()``, the rule the indexes use): a feed
reader is an anonymous visitor."""

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

FEED_SIZE = 20


def _index_url(model, request) -> str:
    index = model.objects.live().public().first()
    return (index.get_url(request=request) if index else None) or "/"


class PracticesFeed(Feed):
    title = _("New good practices · Scambi tra Comuni")
    description = _("The latest good-practice sheets published by municipalities.")

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def link(self):
        from practices.models import PracticeIndexPage

        return _index_url(PracticeIndexPage, self.request)

    def items(self):
        from practices.models import PracticePage

        return (
            PracticePage.objects.live()
            .public()
            .select_related("organisation")
            .order_by("-first_published_at")[:FEED_SIZE]
        )

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return item.get_url(request=self.request)

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at

    def item_author_name(self, item):
        return str(item.organisation) if item.organisation_id else None


class PracticesAtomFeed(PracticesFeed):
    feed_type = Atom1Feed
    subtitle = PracticesFeed.description


class OffersFeed(PracticesFeed):
    title = _("Upcoming exchange visits · Scambi tra Comuni")
    description = _("Study visits with a session still to come, the soonest first.")

    def link(self):
        from exchange.models import ExchangeIndexPage

        return _index_url(ExchangeIndexPage, self.request)

    def items(self):
        from django.db.models import Min, Q

        from exchange.models import ExchangeOfferPage

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
