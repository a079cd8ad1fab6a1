from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from practices.models import Adoption, Instrument, Theme


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


class TaxonomyGroup(SnippetViewSetGroup):
    menu_label = _("Taxonomy")
    menu_icon = "folder-open-inverse"
    menu_order = 300
    items = (ThemeViewSet, InstrumentViewSet)


register_snippet(TaxonomyGroup)


class AdoptionViewSet(SnippetViewSet):
    """Staff and editors record adoptions by hand; exchange follow-ups add them through
    practices.services.record_adoption."""

    model = Adoption
    icon = "group"
    menu_label = _("Adoptions")
    list_display = ["practice", "organisation", "year", "source"]
    list_filter = ["source"]
    add_to_admin_menu = True
    menu_order = 310


register_snippet(AdoptionViewSet)
