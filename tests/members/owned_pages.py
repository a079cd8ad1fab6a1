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


def make_owned_page(model, organisation, title="Pagina", live=False):
    values = {"title": title, "organisation": organisation, "live": live}
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
