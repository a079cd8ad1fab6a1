"""RSS and Atom feeds of upcoming community meetings, soonest first (``core.feeds`` gives
their shape). Public, live meetings only, like the other feeds and the indexes: a feed reader
is an anonymous visitor. Mounted by ``config/urls.py`` (this module is its URLconf)."""

from datetime import timedelta

from django.urls import path
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from communities.models import MeetingPage
from core.feeds import FEED_SIZE, PageFeed, index_url
from events.models import EventIndexPage

#: A meeting under way stays in the feed for a while (as on the home page).
STILL_LISTED = timedelta(hours=2)


class MeetingsFeed(PageFeed):
    title = _("Upcoming community meetings · Scambi tra Comuni")
    description = _("Working tables of the communities of administrators, the soonest first.")

    def link(self):
        return index_url(EventIndexPage, self.request)

    def items(self):
        return (
            MeetingPage.objects.live()
            .public()
            .filter(start__gte=timezone.now() - STILL_LISTED)
            .select_related("community", "organisation")
            .order_by("start", "pk")[:FEED_SIZE]
        )

    def item_description(self, item):
        # The minutes' summary is for after the meeting: a reader wants when, where, who.
        return _("%(when)s · %(where)s · %(community)s") % {
            "when": date_format(timezone.localtime(item.start), "j F Y, H:i"),
            "where": item.location_text() or "–",
            "community": item.community.title if item.community_id else "",
        }


class MeetingsAtomFeed(MeetingsFeed):
    feed_type = Atom1Feed
    subtitle = MeetingsFeed.description


urlpatterns = [
    path("feeds/incontri/", MeetingsFeed(), name="feed_meetings"),
    path("feeds/incontri/atom/", MeetingsAtomFeed(), name="feed_meetings_atom"),
]
