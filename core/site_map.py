"""The human site map (``/mappa-del-sito/``) linked in the footer, as Designers Italia's
municipal model asks: the sections of the menu and their public pages, two levels deep.
Crawlers have ``/sitemap.xml``; this one is for people."""

from django.shortcuts import render
from django.views.decorators.http import require_safe
from wagtail.models import Site

# Enough to find one's way without turning the map into the whole archive.
MAX_CHILDREN = 50


@require_safe
def site_map(request):
    site = Site.find_for_request(request)
    sections = []
    if site is not None:
        root = site.root_page
        for page in root.get_children().live().public().order_by("path"):
            children = list(
                page.get_children().live().public().order_by("title")[: MAX_CHILDREN + 1]
            )
            sections.append(
                {
                    "page": page,
                    "children": children[:MAX_CHILDREN],
                    "more": len(children) > MAX_CHILDREN,
                }
            )
    return render(
        request, "core/site_map.html", {"sections": sections, "root": site and site.root_page}
    )
