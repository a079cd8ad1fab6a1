"""Build a page of any owned page model for the tests, whatever app defines it."""

from django.db import models
from wagtail.models import Page

from members.models import owned_page_models


def parent_for(model) -> Page:
    for parent_model in model.allowed_parent_page_models():
        parent = parent_model.objects.first()
        if parent is not None:
            return parent
    raise LookupError(f"No parent page for {model.__name__}")


def _meeting_values() -> dict:
    from django.utils import timezone

    from communities.models import CommunityPage
    from tests.communities.factories import make_community

    community = CommunityPage.objects.first() or make_community("Comunità di prova")
    return {"community": community, "start": timezone.now()}


def _practice_values() -> dict:
    return {"start_year": 2024}


def _tool_values() -> dict:
    from practices.models import Instrument

    instrument, _ = Instrument.objects.get_or_create(
        slug="patto-di-collaborazione", defaults={"name_it": "Patto di collaborazione"}
    )
    return {"instrument": instrument}


#: Required non-text fields of some owned page models (label -> builder of values).
EXTRA_VALUES = {
    "events.MeetingPage": _meeting_values,
    "practices.PracticePage": _practice_values,
    "practices.ToolPage": _tool_values,
}


def make_owned_page(model, organisation, title="Pagina", live=False):
    values = {"title": title, "organisation": organisation, "live": live}
    extra = EXTRA_VALUES.get(model._meta.label)
    if extra is not None:
        values.update(extra())
    for field in model._meta.get_fields():
        if (
            isinstance(field, models.CharField | models.TextField)
            and not field.blank
            and not field.has_default()
            and field.name not in values
            and field.model is not Page
            and not field.primary_key
        ):
            values[field.name] = "Testo di prova"
    page = model(**values)
    parent_for(model).add_child(instance=page)
    page.save_revision()
    return page


def owned_models():
    return owned_page_models()
