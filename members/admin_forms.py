"""The Wagtail admin form of pages owned by an organisation.

Kept apart from ``members.permissions`` because page models import it at class definition.
"""

from django import forms
from wagtail.admin.forms import WagtailAdminPageForm


class OwnedPageForm(WagtailAdminPageForm):
    """Admin form of owned pages: the organisation is chosen among the user's own, and a new
    page starts with the user's organisation."""

    def __init__(self, *args, **kwargs):
        from members.models import Organisation
        from members.permissions import editable_organisation_ids, is_platform_staff

        super().__init__(*args, **kwargs)
        field = self.fields.get("organisation")
        user = self.for_user
        if field is None or user is None or is_platform_staff(user):
            return
        allowed = editable_organisation_ids(user)
        current = getattr(self.instance, "organisation_id", None)
        field.queryset = Organisation.objects.filter(pk__in=allowed)
        if current is None and len(allowed) == 1:
            field.initial = next(iter(allowed))
        if len(allowed) == 1:
            field.empty_label = None

    def clean_organisation(self):
        from members.permissions import can_edit_owned_page

        organisation = self.cleaned_data.get("organisation")
        user = self.for_user
        if (
            organisation is not None
            and user is not None
            and not can_edit_owned_page(user, organisation)
        ):
            raise forms.ValidationError(
                forms.ModelChoiceField.default_error_messages["invalid_choice"]
            )
        return organisation
