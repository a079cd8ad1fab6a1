from django import forms
from django.utils.translation import gettext_lazy as _

from core.page_rating import SCORES


class PageRatingForm(forms.Form):
    """The rating block's form: a score and the signed token that names the page."""

    score = forms.TypedChoiceField(
        label=_("How clear is the information on this page?"),
        choices=[(score, str(score)) for score in SCORES],
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose from one to five stars.")},
    )
    token = forms.CharField(widget=forms.HiddenInput, max_length=200)
