"""The site's machine-readable doors: sitemap, robots.txt and the feeds."""

from django.urls import path
from wagtail.contrib.sitemaps.views import sitemap

from core import feeds
from core.language import switch_language
from core.robots import robots_txt

urlpatterns = [
    path("sitemap.xml", sitemap, name="sitemap"),
    path("lingua/<str:code>/", switch_language, name="switch_language"),
    path("robots.txt", robots_txt, name="robots_txt"),
    path("feeds/pratiche/", feeds.PracticesFeed(), name="feed_practices"),
    path("feeds/pratiche/atom/", feeds.PracticesAtomFeed(), name="feed_practices_atom"),
    path("feeds/scambi/", feeds.OffersFeed(), name="feed_offers"),
    path("feeds/scambi/atom/", feeds.OffersAtomFeed(), name="feed_offers_atom"),
]
