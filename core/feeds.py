"""The shape every RSS/Atom feed of pages shares; each app writes the feed of its own pages
(``practices.feeds``, ``exchange.feeds``) and mounts it in its ``urls.py``.

Only live pages that anyone may see (``.live().public()``, the rule the indexes use): a feed
reader is an anonymous visitor."""

from django.contrib.syndication.views import Feed

FEED_SIZE = 20


def index_url(model, request) -> str:
    """The URL of the first public index page of ``model`` (the feed's link)."""
    index = model.objects.live().public().first()
    return (index.get_url(request=request) if index else None) or "/"


class PageFeed(Feed):
    """A feed of Wagtail pages owned by an organisation (the item's author)."""

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

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
