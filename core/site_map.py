"""The human site map (``/mappa-del-sito/``) linked in the footer, as Designers Italia's
municipal model asks: the sections of the menu and their public pages, two levels deep.
Crawlers have ``/sitemap.xml``; this one is for people."""

from django.db.models import Window
from django.db.models.functions import RowNumber, Substr
from django.shortcuts import render
from django.views.decorators.http import require_safe
from wagtail.models import Page, Site

# Enough to find one's way without turning the map into the whole archive.
MAX_CHILDREN = 50


def section_children(root, sections: list) -> dict[str, list]:
    """The first ``MAX_CHILDREN + 1`` live, public pages of every section, by title, in one
    windowed query (a query per section grew with the menu); keyed by the section's path."""
    if not sections:
        return {}
    prefix_length = (root.depth + 1) * Page.steplen
    children = (
        Page.objects.live()
        .public()
        .filter(depth=root.depth + 2, path__startswith=root.path)
        .annotate(
            section_path=Substr("path", 1, prefix_length),
            rank=Window(
                RowNumber(), partition_by=[Substr("path", 1, prefix_length)], order_by="title"
            ),
        )
        .filter(rank__lte=MAX_CHILDREN + 1, section_path__in=[s.path for s in sections])
        .order_by("section_path", "title")
    )
    by_section: dict[str, list] = {section.path: [] for section in sections}
    for child in children:
        by_section[child.section_path].append(child)
    return by_section


@require_safe
def site_map(request):
    site = Site.find_for_request(request)
    sections = []
    if site is not None:
        root = site.root_page
        pages = list(root.get_children().live().public().order_by("path"))
        children = section_children(root, pages)
        for page in pages:
            listed = children[page.path]
            sections.append(
                {
                    "page": page,
                    "children": listed[:MAX_CHILDREN],
                    "more": len(listed) > MAX_CHILDREN,
                }
            )
    return render(
        request, "core/site_map.html", {"sections": sections, "root": site and site.root_page}
    )
