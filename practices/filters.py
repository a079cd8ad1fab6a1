"""Filters of the practice and toolbox indexes: theme, instrument, region, kind of organisation.

Values within a filter are alternatives (OR); different filters combine (AND). Unknown values
are dropped with a notice, so an old bookmark still opens.
"""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django import forms
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from core.visibility import public_pages_q
from members.models import Organisation, Region
from practices.caching import cached
from practices.models import Instrument, PracticePage, Theme, ToolPage

MAX_VALUES_PER_FILTER = 50


class IndexFilterForm(forms.Form):
    theme = forms.MultipleChoiceField(
        label=_("Theme"), required=False, widget=forms.CheckboxSelectMultiple
    )
    instrument = forms.MultipleChoiceField(
        label=_("Instrument"), required=False, widget=forms.CheckboxSelectMultiple
    )
    region = forms.MultipleChoiceField(
        label=_("Region"), required=False, widget=forms.CheckboxSelectMultiple
    )
    kind = forms.MultipleChoiceField(
        label=_("Kind of organisation"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=Organisation.Kind.choices,
    )

    def __init__(self, *args, with_theme: bool = True, request=None, **kwargs):
        super().__init__(*args, **kwargs)
        choices = cached(request, "index-filter-choices", filter_choices)
        if with_theme:
            self.fields["theme"].choices = choices["theme"]
        else:
            del self.fields["theme"]
        self.fields["instrument"].choices = choices["instrument"]
        self.fields["region"].choices = choices["region"]


def filter_choices(request=None) -> dict[str, list[tuple[str, str]]]:
    """The values the filters offer, as plain (slug, name) pairs: three queries, kept per site
    and language by ``IndexFilterForm`` until a publish or a taxonomy edit."""
    return {
        "theme": [(theme.slug, str(theme.name)) for theme in Theme.objects.all()],
        "instrument": [(item.slug, str(item.name)) for item in Instrument.objects.all()],
        "region": list(Region.objects.values_list("slug", "name")),
    }


@dataclass
class FilterState:
    form: IndexFilterForm
    selected: dict[str, list[str]]
    unknown: list[str] = field(default_factory=list)

    @property
    def active(self) -> bool:
        return any(self.selected.values())

    @property
    def query_string(self) -> str:
        """The filters as a query string, for pagination and download links."""
        return urlencode([(name, v) for name, values in self.selected.items() for v in values])


def parse_filters(data: QueryDict, *, with_theme: bool, request=None) -> FilterState:
    """Keep the known values of each filter; report the others."""
    probe = IndexFilterForm(with_theme=with_theme, request=request)  # the choices, once
    selected: dict[str, list[str]] = {}
    unknown: list[str] = []
    bound = QueryDict(mutable=True)
    for name, form_field in probe.fields.items():
        known_values = {str(key) for key, _label in form_field.choices}
        values: list[str] = []
        for value in data.getlist(name)[:MAX_VALUES_PER_FILTER]:
            if value in known_values:
                if value not in values:
                    values.append(value)
            elif value:
                unknown.append(value[:60])
        selected[name] = values
        bound.setlist(name, values)
    # Bind the probe itself, so the choices are not loaded again.
    form = probe
    form.is_bound = True
    form.data = bound
    form.is_valid()
    return FilterState(form=form, selected=selected, unknown=unknown)


def filter_practices(queryset, selected: dict[str, list[str]]):
    if selected.get("theme"):
        queryset = queryset.filter(
            pk__in=PracticePage.themes.through.objects.filter(
                theme__slug__in=selected["theme"]
            ).values("practicepage_id")
        )
    if selected.get("instrument"):
        queryset = queryset.filter(
            pk__in=PracticePage.instruments.through.objects.filter(
                instrument__slug__in=selected["instrument"]
            ).values("practicepage_id")
        )
    return _filter_organisation(queryset, selected)


def filter_tools(queryset, selected: dict[str, list[str]]):
    if selected.get("instrument"):
        queryset = queryset.filter(instrument__slug__in=selected["instrument"])
    return _filter_organisation(queryset, selected)


def _filter_organisation(queryset, selected):
    if selected.get("region"):
        queryset = queryset.filter(organisation__region__slug__in=selected["region"])
    if selected.get("kind"):
        queryset = queryset.filter(organisation__kind__in=selected["kind"])
    return queryset


def practice_queryset(index):
    return (
        PracticePage.objects.child_of(index)
        .filter(public_pages_q())
        .select_related("organisation", "organisation__region")
        .prefetch_related("themes", "instruments")
        .order_by("-first_published_at", "-pk")
    )


def tool_queryset(index):
    return (
        ToolPage.objects.child_of(index)
        .filter(public_pages_q())
        .select_related("organisation", "organisation__region", "instrument")
        .order_by("-first_published_at", "-pk")
    )
