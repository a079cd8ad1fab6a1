"""Forms of the community pages: every input is parsed here before a service sees it."""

from django import forms
from django.utils.translation import gettext_lazy
from django.utils.translation import gettext_lazy as _

from communities import services_meetings
from communities.discussions import MAX_POST_LENGTH
from communities.models import CommunityMembership, FollowLevel
from members.models import Organisation

BODY_HELP = _(
    "Markdown: **bold**, *italic*, lists with -, > for quotes, [text](https://link). "
    "HTML and scripts are removed."
)


def _too_long_message():
    return _("The message is too long: at most %(limit_value)s characters (it has %(show_value)s).")


class TopicForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    body = forms.CharField(
        label=_("Message"),
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=MAX_POST_LENGTH,
        help_text=BODY_HELP,
        error_messages={"max_length": _too_long_message()},
    )


class PostForm(forms.Form):
    body = forms.CharField(
        label=_("Your reply"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=MAX_POST_LENGTH,
        help_text=BODY_HELP,
        error_messages={"max_length": _too_long_message()},
    )
    quote = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=1)


class EditPostForm(forms.Form):
    body = forms.CharField(
        label=_("Message"),
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=MAX_POST_LENGTH,
        help_text=BODY_HELP,
        error_messages={"max_length": _too_long_message()},
    )


class HidePostForm(forms.Form):
    action = forms.ChoiceField(choices=[("hide", _("Hide")), ("show", _("Show again"))])
    reason = forms.CharField(label=_("Reason"), max_length=300, required=False)


class LockForm(forms.Form):
    action = forms.ChoiceField(choices=[("lock", _("Lock")), ("unlock", _("Unlock"))])


class FollowForm(forms.Form):
    level = forms.ChoiceField(
        label=_("E-mail notifications"), choices=FollowLevel.choices, widget=forms.RadioSelect
    )


class RoleForm(forms.Form):
    role = forms.ChoiceField(choices=CommunityMembership.Role.choices)


class DecisionForm(forms.Form):
    action = forms.ChoiceField(choices=[("approve", _("Approve")), ("decline", _("Decline"))])


TABLE_SLOTS = 4


class MinutesForm(forms.Form):
    summary = forms.CharField(
        label=gettext_lazy("Summary"),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        max_length=20_000,
        help_text=gettext_lazy("Plain text; leave an empty line between paragraphs."),
    )
    decisions = forms.CharField(
        label=gettext_lazy("Decisions and follow-up actions"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=10_000,
        help_text=gettext_lazy("One per line."),
    )
    organisations = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Participating organisations"),
        queryset=Organisation.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    participant_count = forms.IntegerField(
        label=gettext_lazy("Number of participants"),
        required=False,
        min_value=0,
        max_value=100_000,
    )

    def __init__(self, *args, candidates=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisations"].queryset = candidates or Organisation.objects.none()
        for index in range(1, TABLE_SLOTS + 1):
            self.fields[f"table_{index}_topic"] = forms.CharField(
                label=_("Breakout table %(n)s: topic") % {"n": index},
                max_length=200,
                required=False,
            )
            self.fields[f"table_{index}_outcome"] = forms.CharField(
                label=_("Breakout table %(n)s: what emerged") % {"n": index},
                widget=forms.Textarea(attrs={"rows": 3}),
                max_length=5_000,
                required=False,
            )

    def to_minutes(self) -> services_meetings.Minutes:
        data = self.cleaned_data
        return services_meetings.Minutes(
            summary=data["summary"],
            tables=[
                (data[f"table_{i}_topic"].strip(), data[f"table_{i}_outcome"].strip())
                for i in range(1, TABLE_SLOTS + 1)
            ],
            decisions=[line.strip() for line in data["decisions"].splitlines() if line.strip()],
            organisations=list(data["organisations"]),
            participant_count=data["participant_count"],
        )


def attendee_label(registration) -> str:
    name = registration.user.get_full_name() or registration.user.email
    if registration.organisation_id:
        return f"{name} · {registration.organisation.name}"
    return name


class AttendanceForm(forms.Form):
    """One checkbox per person who held a seat: ticked means present."""

    present = forms.MultipleChoiceField(
        label=gettext_lazy("Present"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, sheet=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["present"].choices = [(str(r.pk), attendee_label(r)) for r in sheet]
