"""The form an organisation records its transfer of a practice with (no JavaScript needed)."""

from decimal import Decimal, InvalidOperation

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from members.models import Organisation
from practices.models import Adoption
from practices.services import ReportedValue


class TransferForm(forms.Form):
    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.none(), label=_("Your organisation"), empty_label=None
    )
    stage = forms.ChoiceField(
        choices=Adoption.Stage.choices,
        label=_("Stage"),
        widget=forms.RadioSelect,
        help_text=_(
            "Interested, visited, planning, adopted, or results reported (your own values of "
            "the practice's shared indicators, below)."
        ),
    )
    year = forms.IntegerField(label=_("Year of this stage"), min_value=1990, max_value=2100)
    note = forms.CharField(label=_("Short note"), max_length=500, required=False)
    adapted = forms.CharField(
        label=_("What you adapted"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What you changed to fit the practice to your own context."),
    )
    tools_reused = forms.ModelMultipleChoiceField(
        queryset=None,
        required=False,
        label=_("Tools of the practice you reused"),
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, practice, organisations, indicators, tools, **kwargs):
        super().__init__(*args, **kwargs)
        self.practice = practice
        self.fields["organisation"].queryset = organisations
        self.fields["tools_reused"].queryset = tools
        if not self.is_bound:
            self.fields["year"].initial = timezone.localdate().year
        self.shared_indicators = [i.shared for i in indicators if i.shared_id]
        self.value_fields = []
        for shared in self.shared_indicators:
            period = f"period_{shared.pk}"
            value = f"value_{shared.pk}"
            self.fields[period] = forms.CharField(
                label=_("Period"), max_length=50, required=False, help_text=_('e.g. "2025"')
            )
            self.fields[value] = forms.CharField(
                label=_("Your value (%(unit)s)") % {"unit": shared.unit},
                max_length=20,
                required=False,
            )
            self.value_fields.append((shared, self[period], self[value]))

    def clean(self):
        cleaned = super().clean()
        reported = []
        for shared in self.shared_indicators:
            period = (cleaned.get(f"period_{shared.pk}") or "").strip()
            raw = (cleaned.get(f"value_{shared.pk}") or "").strip().replace(",", ".")
            if not period and not raw:
                continue
            if not period or not raw:
                self.add_error(f"value_{shared.pk}", _("Give both the period and the value."))
                continue
            try:
                value = Decimal(raw)
            except InvalidOperation:
                self.add_error(f"value_{shared.pk}", _("Write a number, e.g. 1200 or 3,5."))
                continue
            if not value.is_finite() or abs(value) >= Decimal("1e12"):
                self.add_error(f"value_{shared.pk}", _("Write a number, e.g. 1200 or 3,5."))
                continue
            value = value.quantize(Decimal("0.01"))
            reported.append(ReportedValue(shared=shared, period_label=period, value=value))
        cleaned["values"] = reported
        return cleaned
