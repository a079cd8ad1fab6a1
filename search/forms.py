import unicodedata

from django import forms
from django.utils.translation import gettext_lazy as _

MAX_QUERY_LENGTH = 200


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


class SearchForm(forms.Form):
    q = QueryField(label=_("Search"), required=False)
    page = forms.IntegerField(required=False, min_value=1, max_value=10_000)

    def clean_q(self) -> str:
        return clean_query_text(self.cleaned_data.get("q") or "")
