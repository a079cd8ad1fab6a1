"""The site's machine-readable doors: sitemap and robots.txt (each app mounts its own feeds)."""

from django.urls import path
from wagtail.contrib.sitemaps.views import sitemap

from core.robots import robots_txt

urlpatterns = [
    path("sitemap.xml", sitemap, name="sitemap"),
    path("robots.txt", robots_txt, name="robots_txt"),
]
