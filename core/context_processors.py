from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject
from wagtail.models import Site

from core.cache import cached_menu
from core.navigation import menu_entries


def _menu_pages(request: HttpRequest) -> list:
    site = Site.find_for_request(request)
    if site is None:
        return []
    return menu_entries(request, site)


def site_navigation(request: HttpRequest) -> dict:
    """The main navigation in the active language (core.navigation), then search.

    Lazy, so pages that do not render the header (JSON, files) run no query for it.
    """
    return {"menu_pages": SimpleLazyObject(lambda: cached_menu(request, _menu_pages))}
