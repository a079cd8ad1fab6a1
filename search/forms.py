"""Search parameters, validated before anything reaches the service or the engine."""

import re
import unicodedata

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from search.documents import FACET_NAMES, MAX_PAGE

MAX_QUERY_LENGTH = 200
MAX_VALUES_PER_FACET = 30
VALUE_RE = re.compile(r"^[A-Za-z0-9_.:\-]{1,120}$")
WHEN_RE = re.compile(r"^(upcoming|past|year:\d{4})$")


def clean_query_text(value: str) -> str:
    """Keep letters, digits and spaces: search syntax (quotes, *, -, :, parentheses) and
    control characters never reach the engine."""
    value = value[: MAX_QUERY_LENGTH * 4]
    kept = [
        ch if unicodedata.category(ch)[0] in {"L", "N"} else " "
        for ch in unicodedata.normalize("NFC", value)
    ]
    return " ".join("".join(kept).split())[:MAX_QUERY_LENGTH]


class QueryField(forms.CharField):
    """Free text for the engine: NUL bytes and control characters are dropped, not refused."""

    def to_python(self, value):
        value = super().to_python(value)
        return "".join(ch for ch in value if unicodedata.category(ch)[0] != "C")


class FacetValuesField(forms.Field):
    """Several values of one facet (``?theme=a&theme=b``), each a short slug-like token."""

    widget = forms.MultipleHiddenInput
    pattern = VALUE_RE
    default_error_messages = {
        "invalid": _("“%(value)s” is not a valid filter value."),
        "too_many": _("Too many values for one filter."),
    }

    def to_python(self, value) -> list[str]:
        if not value:
            return []
        if isinstance(value, str):
            value = [value]
        return [str(v).strip() for v in value if str(v).strip()]

    def validate(self, value):
        super().validate(value)
        if len(value) > MAX_VALUES_PER_FACET:
            raise ValidationError(self.error_messages["too_many"], code="too_many")
        for item in value:
            if not self.pattern.match(item):
                shown = "".join(ch for ch in item[:40] if ch.isprintable())
                raise ValidationError(
                    self.error_messages["invalid"], code="invalid", params={"value": shown}
                )


class WhenField(FacetValuesField):
    pattern = WHEN_RE


class FreeSeatsField(forms.Field):
    """A checkbox: any of yes/1/on/true means "only things with free seats"."""

    widget = forms.TextInput
    default_error_messages = {"invalid": _("Use “yes” to show only items with free seats.")}

    def to_python(self, value) -> list[str]:
        if value in (None, "", False):
            return []
        if isinstance(value, list):
            value = value[-1]
        if str(value).strip().lower() in {"yes", "1", "on", "true"}:
            return ["yes"]
        raise ValidationError(self.error_messages["invalid"], code="invalid")


class SearchForm(forms.Form):
    q = QueryField(label=_("Words to look for"), required=False)
    type = FacetValuesField(required=False)
    theme = FacetValuesField(required=False)
    instrument = FacetValuesField(required=False)
    transfer = FacetValuesField(required=False)
    region = FacetValuesField(required=False)
    organisation = FacetValuesField(required=False)
    organisation_kind = FacetValuesField(required=False)
    mode = FacetValuesField(required=False)
    when = WhenField(required=False)
    free_seats = FreeSeatsField(required=False)
    sort = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[("relevance", _("Relevance")), ("date", _("Date"))],
        error_messages={"invalid_choice": _("Sort by relevance or by date.")},
    )
    page = forms.IntegerField(
        required=False,
        min_value=1,
        max_value=MAX_PAGE,
        error_messages={
            "invalid": _("The page number must be a whole number from 1."),
            "min_value": _("The page number must be a whole number from 1."),
            "max_value": _("There are at most %(limit_value)s pages of results."),
        },
    )

    def __init__(self, data=None, *args, **kwargs):
        if data is not None and hasattr(data, "getlist"):
            # Multi-valued facets come as repeated parameters; keep every value.
            data = data.copy()
        super().__init__(data, *args, **kwargs)

    def clean_q(self) -> str:
        return clean_query_text(self.cleaned_data.get("q") or "")

    def clean_sort(self) -> str:
        return self.cleaned_data.get("sort") or "relevance"

    def clean_page(self) -> int:
        return self.cleaned_data.get("page") or 1

    def filters(self) -> dict[str, list[str]]:
        return {name: self.cleaned_data.get(name) or [] for name in FACET_NAMES}

    def error_text(self) -> str:
        return " ".join(str(e) for errors in self.errors.values() for e in errors)
