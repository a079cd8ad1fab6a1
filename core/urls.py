"""The site's machine-readable doors: sitemap and robots.txt (each app mounts its own feeds)."""

from django.urls import path
from wagtail.contrib.sitemaps.views import sitemap

from core.language import switch_language
from core.rating_views import rate_page
from core.robots import robots_txt
from core.site_map import site_map

urlpatterns = [
    path("sitemap.xml", sitemap, name="sitemap"),
    path("lingua/<str:code>/", switch_language, name="switch_language"),
    path("robots.txt", robots_txt, name="robots_txt"),
    path("mappa-del-sito/", site_map, name="site_map"),
    path("valutazione-pagina/", rate_page, name="page_rating"),
]
