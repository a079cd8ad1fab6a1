"""Forms of the registration pages: every input is parsed here before a service sees it."""

import re
from datetime import date

from django import forms
from django.utils.translation import gettext_lazy as _

from events.models import HostPreference, Registration, RegistrationQuestion
from events.registry import calendar_filter_fields
from members.models import Region


class HostActionForm(forms.Form):
    """A host's action on one registration of her session."""

    ACTIONS = [
        ("approve", _("Approve")),
        ("decline", _("Decline")),
        ("attended", _("Attended")),
        ("no_show", _("Did not attend")),
        ("cancel", _("Cancel registration")),
    ]
    action = forms.ChoiceField(label=_("action"), choices=ACTIONS)


class HostNoticesForm(forms.Form):
    approval_notices = forms.ChoiceField(
        label=_("Registrations waiting for your approval"),
        choices=HostPreference.ApprovalNotices.choices,
        widget=forms.RadioSelect,
    )


class CapacityForm(forms.Form):
    capacity = forms.IntegerField(
        label=_("Seats"),
        min_value=0,
        max_value=100000,
        required=False,
        help_text=_("Empty: no limit. More seats give them at once to the waiting list."),
    )


class MessageForm(forms.Form):
    subject = forms.CharField(label=_("Subject"), max_length=150)
    body = forms.CharField(
        label=_("Message"), max_length=5000, widget=forms.Textarea(attrs={"rows": 6})
    )

    def clean_subject(self) -> str:
        # An e-mail subject is one header line: a line break would be refused by the mail
        # library (BadHeaderError) after the host pressed "send".
        subject = self.cleaned_data["subject"]
        if "\r" in subject or "\n" in subject:
            raise forms.ValidationError(_("The subject must fit on one line."), code="multiline")
        return subject


class FeedForm(forms.Form):
    action = forms.ChoiceField(
        label=_("action"), choices=[("create", _("Create or renew")), ("revoke", _("Revoke"))]
    )


class FollowupForm(forms.Form):
    answer = forms.ChoiceField(
        label=_("Did your organisation adopt the practice you saw?"),
        choices=Registration.Answer.choices,
        widget=forms.RadioSelect,
    )


class SessionsPageFormMixin:
    """For Wagtail page forms with an inline ``sessions`` panel: a session that people have
    registered for cannot be removed (cancel it instead), so no registration is ever lost."""

    def clean(self):
        cleaned = super().clean()
        formset = getattr(self, "formsets", {}).get("sessions")
        if formset is not None:
            for form in formset.deleted_forms:
                session = form.instance
                if session.pk and Registration.objects.filter(session_id=session.pk).exists():
                    form.add_error(
                        None,
                        _(
                            "People have registered for this session: it cannot be removed. "
                            "Set its status to cancelled instead."
                        ),
                    )
                    self.add_error(
                        None,
                        _("A session with registrations cannot be removed: cancel it instead."),
                    )
        return cleaned


# --- The events index's filters ----------------------------------------------------------------

MODE_CHOICES = [
    ("online", _("Online")),
    ("in_person", _("In person")),
    ("hybrid", _("Hybrid")),
]


class EventFilterForm(forms.Form):
    """Mode, region and month, plus the filters the calendar sources bring (the community)."""

    mode = forms.ChoiceField(
        label=_("Mode"), required=False, choices=[("", _("Any mode")), *MODE_CHOICES]
    )
    region = forms.ModelChoiceField(
        label=_("Region"),
        queryset=Region.objects.all(),
        required=False,
        empty_label=_("All regions"),
    )
    month = forms.CharField(
        label=_("Month"), required=False, max_length=7, widget=forms.HiddenInput
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        extra = {name: make_field() for name, make_field in calendar_filter_fields().items()}
        self.fields = {**extra, **self.fields}

    def clean_month(self) -> date | None:
        value = self.cleaned_data.get("month") or ""
        if not value:
            return None
        match = re.fullmatch(r"(\d{4})-(\d{2})", value)
        if not match or not 1 <= int(match[2]) <= 12 or not 1900 <= int(match[1]) <= 2999:
            raise forms.ValidationError(_("The month must be written as YYYY-MM, e.g. 2027-03."))
        return date(int(match[1]), int(match[2]), 1)


YES_NO = [("yes", _("Yes")), ("no", _("No"))]


class RegistrationAnswersForm(forms.Form):
    """The page's registration questions and consents, one field each (``q<pk>``). Its
    ``answers()`` is what the engine stores on the registration (``Registration.answers``)."""

    def __init__(self, questions, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(questions)
        Kind = RegistrationQuestion.Kind
        for question in self.questions:
            common = {
                "label": question.text,
                "required": question.required,
                "help_text": question.help_text,
            }
            if question.kind == Kind.SHORT_TEXT:
                field = forms.CharField(max_length=255, **common)
            elif question.kind == Kind.CHOICE:
                field = forms.ChoiceField(
                    choices=[(o, o) for o in question.option_list],
                    widget=forms.RadioSelect,
                    **common,
                )
            elif question.kind == Kind.YES_NO:
                field = forms.ChoiceField(choices=YES_NO, widget=forms.RadioSelect, **common)
            elif question.kind == Kind.CONSENT:
                field = forms.BooleanField(**common)
                if question.required:
                    field.error_messages["required"] = _("Tick the box to go on.")
            else:  # long text, accessibility and dietary needs
                field = forms.CharField(
                    max_length=2000, widget=forms.Textarea(attrs={"rows": 3}), **common
                )
            self.fields[f"q{question.pk}"] = field

    def answers(self) -> list[dict]:
        result = []
        for question in self.questions:
            value = self.cleaned_data.get(f"q{question.pk}")
            if question.kind == RegistrationQuestion.Kind.CONSENT:
                value = "yes" if value else ""
            result.append(
                {
                    "question": question.pk,
                    "label": str(question.text),
                    "kind": question.kind,
                    "value": (value or "").strip(),
                }
            )
        return result


class MoveSessionForm(forms.Form):
    """The host moves a session to another date (everyone registered is told)."""

    starts_at = forms.DateTimeField(
        label=_("New start"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    ends_at = forms.DateTimeField(
        label=_("New end"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    place = forms.CharField(label=_("Place"), max_length=255, required=False)

    def clean(self):
        data = super().clean()
        if data.get("starts_at") and data.get("ends_at") and data["ends_at"] < data["starts_at"]:
            self.add_error("ends_at", _("The session must end after it starts."))
        return data


class CancelSessionForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("Yes, cancel the session: every registration is cancelled and e-mailed.")
    )
