"""The site's machine-readable doors: sitemap, robots.txt and the feeds."""

from django.urls import path
from wagtail.contrib.sitemaps.views import sitemap

from core import feeds
from core.rating_views import rate_page
from core.robots import robots_txt
from core.site_map import site_map

urlpatterns = [
    path("sitemap.xml", sitemap, name="sitemap"),
    path("robots.txt", robots_txt, name="robots_txt"),
    path("mappa-del-sito/", site_map, name="site_map"),
    path("valutazione-pagina/", rate_page, name="page_rating"),
    path("feeds/pratiche/", feeds.PracticesFeed(), name="feed_practices"),
    path("feeds/pratiche/atom/", feeds.PracticesAtomFeed(), name="feed_practices_atom"),
    path("feeds/scambi/", feeds.OffersFeed(), name="feed_offers"),
    path("feeds/scambi/atom/", feeds.OffersAtomFeed(), name="feed_offers_atom"),
]
