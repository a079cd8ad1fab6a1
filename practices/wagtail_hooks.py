from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from practices.models import Adoption, Instrument, SharedIndicator, Theme


class ThemeViewSet(SnippetViewSet):
    model = Theme
    icon = "tag"
    list_display = ["name_it", "name_en", "slug"]
    search_fields = ["name_it", "name_en"]


class InstrumentViewSet(SnippetViewSet):
    model = Instrument
    icon = "doc-full"
    list_display = ["name_it", "name_en", "slug"]
    search_fields = ["name_it", "name_en"]


class SharedIndicatorViewSet(SnippetViewSet):
    """The shared indicator catalogue practices pick their comparable indicators from."""

    model = SharedIndicator
    icon = "table"
    list_display = ["name", "unit", "direction", "slug"]
    search_fields = ["name"]


class TaxonomyGroup(SnippetViewSetGroup):
    menu_label = _("Taxonomy")
    menu_icon = "folder-open-inverse"
    menu_order = 300
    items = (ThemeViewSet, InstrumentViewSet, SharedIndicatorViewSet)


register_snippet(TaxonomyGroup)


class AdoptionViewSet(SnippetViewSet):
    """Staff and editors record transfers by hand; exchange follow-ups add them through
    practices.services.record_adoption, adopting organisations through the practice's form."""

    model = Adoption
    icon = "group"
    menu_label = _("Transfers")
    list_display = ["practice", "organisation", "stage", "year", "source"]
    list_filter = ["stage", "source"]
    add_to_admin_menu = True
    menu_order = 310


register_snippet(AdoptionViewSet)
