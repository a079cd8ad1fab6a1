from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject
from wagtail.models import Site

from core.cache import cached_menu


def _menu_pages(request: HttpRequest) -> list:
    site = Site.find_for_request(request)
    if site is None:
        return []
    root = site.root_page
    pages = list(root.get_children().live().public().in_menu().order_by("path"))
    return [{"title": page.title, "url": page.get_url(request=request)} for page in pages]


def site_navigation(request: HttpRequest) -> dict:
    """The main navigation: the site root's children marked "show in menus", then search.

    Lazy, so pages that do not render the header (JSON, files) run no query for it.
    """
    return {"menu_pages": SimpleLazyObject(lambda: cached_menu(request, _menu_pages))}
