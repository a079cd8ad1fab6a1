"""RSS and Atom feeds of new good-practice sheets."""

from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from core.feeds import FEED_SIZE, PageFeed, index_url
from practices.models import PracticeIndexPage, PracticePage


class PracticesFeed(PageFeed):
    title = _("New good practices · Scambi tra Comuni")
    description = _("The latest good-practice sheets published by municipalities.")

    def link(self):
        return index_url(PracticeIndexPage, self.request)

    def items(self):
        return (
            PracticePage.objects.live()
            .public()
            .select_related("organisation")
            .order_by("-first_published_at")[:FEED_SIZE]
        )


class PracticesAtomFeed(PracticesFeed):
    feed_type = Atom1Feed
    subtitle = PracticesFeed.description
