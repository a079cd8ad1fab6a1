"""Forms of the community pages: every input is parsed here before a service sees it."""

from django import forms
from django.utils.translation import gettext_lazy as _

from members.community_models import CommunityMembership, FollowLevel
from members.services_community import MAX_POST_LENGTH

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
