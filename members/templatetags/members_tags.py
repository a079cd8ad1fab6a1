from django import template

from members.forms import OrganisationSearchForm, search_organisations
from members.models import Organisation

register = template.Library()


@register.inclusion_tag("members/includes/organisation_picker.html", takes_context=True)
def organisation_picker(context, form, form_id: str):
    """The organisation field: a search box (htmx as you type, a GET search without
    JavaScript) and the matches as radio buttons inside the form ``form_id``."""
    request = context["request"]
    search = OrganisationSearchForm(request.GET)
    query = search.cleaned_data["q"] if search.is_valid() else ""
    selected = None
    raw = form["organisation"].value() if form.is_bound else None
    if raw and str(raw).isdigit():
        selected = Organisation.objects.filter(pk=int(raw)).first()
    matches = [org for org in search_organisations(query) if not selected or org.pk != selected.pk]
    return {
        "request": request,
        "field": form["organisation"],
        "form_id": form_id,
        "q": query,
        "matches": matches,
        "selected": selected,
    }
