"""The main menu in both languages, edited under Settings > Main menu.

Pages are not translated on this site (one Italian page tree, ``WAGTAIL_I18N_ENABLED`` off), so
the menu's English labels live beside the menu, not on the pages: docs/adr/0003 says why. When
no item is configured the menu falls back to the site root's children marked "show in menus",
with their (Italian) titles, as before.
"""

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Orderable, Page, Site


@register_setting(icon="list-ul")
class MainMenu(ClusterableModel, BaseSiteSetting):
    """The entries of the main navigation, in order, with their label in each language."""

    panels = [InlinePanel("items", label=_("menu entries"))]

    class Meta:
        verbose_name = _("main menu")


class MainMenuItem(Orderable):
    menu = ParentalKey(MainMenu, on_delete=models.CASCADE, related_name="items")
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page"),
        on_delete=models.CASCADE,
        related_name="menu_items",
    )
    label_it = models.CharField(
        _("label in Italian"),
        max_length=60,
        blank=True,
        help_text=_("Empty: the title of the page."),
    )
    label_en = models.CharField(
        _("label in English"),
        max_length=60,
        blank=True,
        help_text=_("Shown on English pages. Empty: the Italian label."),
    )

    panels = [FieldPanel("page"), FieldPanel("label_it"), FieldPanel("label_en")]

    class Meta(Orderable.Meta):
        verbose_name = _("menu entry")
        verbose_name_plural = _("menu entries")

    def label(self, language: str) -> str:
        italian = self.label_it or self.page.title
        return (self.label_en or italian) if language == "en" else italian


def chrome_title(page, menu: list[dict], language: str | None = None) -> str:
    """The name of ``page`` in the site's chrome (``<title>``, breadcrumbs, section headings).

    Page titles are Italian content. On English pages a page that is a main-menu entry takes
    the entry's English label, and the home page is "Home": docs/adr/0007. ``menu`` is the
    (cached) ``menu_entries`` of the request, so this costs no query."""
    language = (language or get_language() or "it")[:2]
    if language == "it" or page is None:
        return page.title if page is not None else ""
    if getattr(page, "depth", None) == 2:
        return str(_("Home"))
    for entry in menu:
        if entry.get("page_id") == page.pk:
            return entry["title"]
    return page.title


def menu_entries(request, site: Site, language: str | None = None) -> list[dict[str, str]]:
    """``[{"title": ..., "url": ...}]`` of the main menu in ``language`` (the active one by
    default): live public pages only. Plain values, so a cache can keep them per site and
    language."""
    language = (language or get_language() or "it")[:2]
    visible = Page.objects.live().public()
    items = list(
        MainMenuItem.objects.filter(menu__site=site, page__in=visible)
        .select_related("page")
        .order_by("sort_order")
    )
    if items:
        return [
            {
                "title": item.label(language),
                "url": item.page.get_url(request=request),
                "page_id": item.page_id,
            }
            for item in items
        ]
    pages = site.root_page.get_children().live().public().in_menu().order_by("path")
    return [
        {"title": page.title, "url": page.get_url(request=request), "page_id": page.pk}
        for page in pages
    ]
