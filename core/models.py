"""Site-wide pages: the home page, plain content pages and the base of section index pages."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from core.home import home_sections
from core.pagination import paginate

RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link"]


class HomePage(Page):
    """The site root: an editable introduction, then sections filled by the other apps
    (latest practices, upcoming sessions with free seats, upcoming meetings)."""

    intro_title = models.CharField(
        _("introduction title"),
        max_length=200,
        blank=True,
        help_text=_("Large heading at the top of the home page."),
    )
    intro = RichTextField(
        _("introduction"),
        features=RICH_TEXT_FEATURES,
        blank=True,
        help_text=_("A few sentences on what the platform is for and who it serves."),
    )

    content_panels = Page.content_panels + [FieldPanel("intro_title"), FieldPanel("intro")]

    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["sections"] = home_sections(request)
        return context


class StandardPage(Page):
    """A plain page of text, e.g. the privacy notice, accessibility statement or "about us"."""

    summary = models.CharField(
        _("summary"), max_length=300, blank=True, help_text=_("One sentence shown under the title.")
    )
    body = RichTextField(
        _("body"), features=RICH_TEXT_FEATURES, blank=True, help_text=_("The text of the page.")
    )

    content_panels = Page.content_panels + [FieldPanel("summary"), FieldPanel("body")]
    subpage_types = ["core.StandardPage"]

    class Meta:
        verbose_name = _("standard page")


class SectionIndexPage(Page):
    """Base of the index page of a section of the site (practices, exchanges, events...)."""

    intro = RichTextField(
        _("introduction"),
        features=RICH_TEXT_FEATURES,
        blank=True,
        help_text=_("Shown above the list of the section."),
    )

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["core.HomePage"]
    max_count = 1
    items_per_page = 12
    #: Shown when the section has nothing published yet.
    empty_message = _("Nothing has been published here yet.")

    class Meta:
        abstract = True

    def get_template(self, request, *args, **kwargs):
        # An app may give its index page its own template; otherwise the shared one is used.
        return [super().get_template(request, *args, **kwargs), "core/section_index_page.html"]

    def get_items(self, request):
        """The live children shown in the list; section apps override with richer queries."""
        return self.get_children().live().public().specific().order_by("-first_published_at")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        page_obj = paginate(self.get_items(request), request, self.items_per_page)
        context["page_obj"] = page_obj
        context["items"] = page_obj.object_list
        context["empty_message"] = self.empty_message
        return context


# Models kept in their own modules, imported here so Django registers them with the app.
from core.legal_pages import AccessibilityStatementPage, PrivacyNoticePage  # noqa: E402
from core.navigation import MainMenu, MainMenuItem  # noqa: E402
from core.page_rating import PageRating  # noqa: E402
from core.site_settings import SiteIdentity  # noqa: E402

__all__ = [
    "AccessibilityStatementPage",
    "HomePage",
    "MainMenu",
    "MainMenuItem",
    "PageRating",
    "PrivacyNoticePage",
    "SectionIndexPage",
    "SiteIdentity",
    "StandardPage",
]
