"""The Wagtail Site follows settings.SITE_URL: absolute links carry the public host.

Wagtail builds every absolute page URL (API v2 ``html_url``, ``page.full_url`` in the open-data
CSV and JSON, e-mails and calendars that use it) from the default Site's hostname and port, and
derives the scheme from the port: 443 means https, anything else http. A fresh database has
``localhost:80``. ``manage.py configure_site`` applies SITE_URL; the deploy kit runs it after
every ``migrate`` (deploy/deploy.sh), and so does ``.ci/run``.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured
from django.db import DatabaseError, transaction
from wagtail.models import Site

from core.cache import cached_per_site


@dataclass(frozen=True)
class SiteAddress:
    hostname: str
    port: int

    @property
    def root_url(self) -> str:
        # The same rule as wagtail.models.Site.root_url.
        if self.port == 443:
            return f"https://{self.hostname}"
        if self.port == 80:
            return f"http://{self.hostname}"
        return f"http://{self.hostname}:{self.port}"


def parse_site_url(site_url: str) -> SiteAddress:
    """``https://scambi.example.org`` -> hostname and port as Wagtail's Site stores them."""
    parts = urlsplit(site_url.strip())
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        raise ImproperlyConfigured(
            f"SITE_URL must be like https://scambi.example.org, not {site_url!r}"
        )
    if parts.path not in {"", "/"} or parts.query or parts.fragment:
        raise ImproperlyConfigured(f"SITE_URL must have no path: {site_url!r}")
    port = parts.port or (443 if parts.scheme == "https" else 80)
    if parts.scheme == "https" and port != 443:
        raise ImproperlyConfigured(
            "Wagtail's Site can say https only on port 443: serve the site on 443 or use http."
        )
    return SiteAddress(parts.hostname, port)


@transaction.atomic
def apply_site_url(site_url: str, *, site_name: str = "") -> tuple[Site, bool]:
    """Give the default Site the host and port of ``site_url``; returns (site, changed)."""
    address = parse_site_url(site_url)
    site = Site.objects.select_for_update().filter(is_default_site=True).first()
    if site is None:
        raise ImproperlyConfigured("There is no default Wagtail Site yet: run migrate first.")
    changed = (site.hostname, site.port) != (address.hostname, address.port)
    if site_name and site.site_name != site_name:
        site.site_name = site_name
        changed = True
    if changed:
        site.hostname, site.port = address.hostname, address.port
        site.save()
    return site, changed


class CachedSiteMiddleware:
    """Wagtail finds the Site of a request with one query on every request (``Site.
    find_for_request``, ~1.5 ms of a page's fixed cost, issue 17). This keeps the Site per host,
    port and language with the menu (``core.cache.cached_per_site``: until a page, a Site or
    the menu changes) and hands it to Wagtail the way Wagtail itself memoises it on the request.

    Only once a view is chosen, and not for views marked ``needs_no_site`` (the health check,
    which must answer without the database); a database or cache that fails here is left for
    the view to meet (or report) as it would have without this middleware.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if hasattr(request, "_wagtail_site") or getattr(view_func, "needs_no_site", False):
            return None
        try:
            request._wagtail_site = cached_per_site(
                request, f"wagtail-site:{request.get_port()}", Site._find_for_request
            )
        except (DatabaseError, OSError):  # a cache that fails too: Wagtail looks it up itself
            pass
        return None
