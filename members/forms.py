from django import forms
from django.conf import settings
from django.db.models import Case, Q, When
from django.utils.translation import gettext_lazy as _

from core.text import fold
from members.models import Membership, Organisation, User

ORGANISATION_RESULTS = 10


def search_organisations(query: str, limit: int = ORGANISATION_RESULTS):
    """Organisations whose name (or ISTAT code) matches every word of the query."""
    words = [word for word in query.split() if word][:6]
    if not words:
        return Organisation.objects.none()
    return (
        Organisation.objects.filter(organisation_name_matches(query))
        .annotate(starts=Case(When(search_name__startswith=fold(words[0]), then=0), default=1))
        .select_related("province")
        .order_by("starts", "name")[:limit]
    )


def organisation_name_matches(query: str) -> Q:
    """Every word of ``query`` is in the folded name (accents and case do not count), or is
    the ISTAT code."""
    condition = Q()
    for word in [word for word in query.split() if word][:6]:
        condition &= Q(search_name__contains=fold(word[:100])) | Q(istat_code=word[:6])
    return condition


class OrganisationSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search your organisation"),
        max_length=100,
        required=False,
        help_text=_("Type at least part of the name, e.g. Cesena, then press Search."),
    )

    def clean_q(self) -> str:
        return " ".join(self.cleaned_data["q"].replace("\x00", "").split())


class OrganisationChoiceMixin(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Your organisation"),
        queryset=Organisation.objects.all(),
        widget=forms.HiddenInput,
        error_messages={
            "required": _("Search your organisation and choose it from the list."),
            "invalid_choice": _("This organisation is not in the register: search it again."),
        },
    )


class SignupForm(OrganisationChoiceMixin):
    """Extra fields on allauth's sign-up form (allauth adds e-mail and password)."""

    full_name = forms.CharField(
        label=_("Full name"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        help_text=_("As your colleagues know you, e.g. Maria Rossi."),
    )
    role_category = forms.ChoiceField(
        label=_("Your role"),
        choices=[("", _("Choose your role")), *User.RoleCategory.choices],
        help_text=_("Political (mayor, assessor, councillor) or technical (manager, officer)."),
    )

    field_order = ["organisation", "full_name", "role_category", "email", "password1", "password2"]

    def clean_full_name(self) -> str:
        value = " ".join(self.cleaned_data["full_name"].split())
        if not value:
            raise forms.ValidationError(_("Please enter your name."))
        return value

    def signup(self, request, user) -> None:
        from members.services import request_membership

        user.full_name = self.cleaned_data["full_name"]
        user.role_category = self.cleaned_data["role_category"]
        user.preferred_language = (
            getattr(request, "LANGUAGE_CODE", None) or settings.LANGUAGE_CODE
        )[:2]
        user.save()
        request_membership(user, self.cleaned_data["organisation"])


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = [
            "full_name",
            "role_category",
            "job_title",
            "interests",
            "preferred_language",
            "visible_in_directory",
            "notify_reminders",
            "notify_communities",
            "notify_new_content",
        ]
        widgets = {"interests": forms.CheckboxSelectMultiple}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["full_name"].required = True

    def clean_full_name(self) -> str:
        value = " ".join(self.cleaned_data["full_name"].split())
        if not value:
            raise forms.ValidationError(_("Please enter your name."))
        return value

    def save(self, commit=True):
        user = super().save(commit=False)
        first, _sep, last = user.full_name.partition(" ")
        user.first_name, user.last_name = first[:150], last[:150]
        if commit:
            user.save()
            self.save_m2m()
        return user


class RequestMembershipForm(OrganisationChoiceMixin):
    pass


class MemberDecisionForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Membership.Role.choices)


class DeleteAccountForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("I understand: my account and my profile are deleted for good."),
        error_messages={"required": _("Tick the box to confirm.")},
    )


class DirectoryForm(forms.Form):
    q = forms.CharField(label=_("Name"), max_length=100, required=False)
    kind = forms.ChoiceField(
        label=_("Kind"), choices=[("", _("All kinds")), *Organisation.Kind.choices], required=False
    )

    def clean_q(self) -> str:
        return " ".join(self.cleaned_data["q"].replace("\x00", "").split())


class OrganisationProfileForm(forms.ModelForm):
    """What an organisation's admin may change about it on the site (not name or ISTAT data)."""

    website = forms.URLField(
        label=_("Website"),
        required=False,
        assume_scheme="https",
        help_text=_("Its official website."),
    )

    class Meta:
        model = Organisation
        fields = ["description", "website", "logo"]
        widgets = {
            "logo": forms.ClearableFileInput(attrs={"accept": "image/png,image/jpeg,image/webp"})
        }

    def clean_logo(self):
        from members.models import validate_logo_size

        logo = self.cleaned_data.get("logo")
        if logo and hasattr(logo, "content_type"):
            validate_logo_size(logo)
            if logo.content_type not in {"image/png", "image/jpeg", "image/webp"}:
                raise forms.ValidationError(_("The logo must be a PNG, JPEG or WebP image."))
        return logo
