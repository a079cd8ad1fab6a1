"""Per-type search-document builders: how each kind of content becomes a search document.

Search reads the other apps only through these builders; the other apps never import search
except to signal changes (``search.index.update_object`` / ``remove_object``). A builder says
which objects to index (``queryset``), turns one object into a ``DocumentData`` (``build``;
``None`` means "not searchable", e.g. a draft) and labels its type for the facet panel.
"""

from __future__ import annotations

from collections.abc import Iterable
from html import unescape

from django.db import models
from django.utils.html import strip_tags
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from search.documents import DocumentData

MAX_BODY_CHARS = 100_000


class Builder:
    """Subclass with ``model``, ``doc_type``, ``type_label``, ``build``; register it."""

    model: type[models.Model]
    doc_type: str
    type_label = _("Page")

    def queryset(self) -> models.QuerySet:
        queryset = self.model._default_manager.all()
        if hasattr(queryset, "live"):
            queryset = queryset.live().public()
        return queryset

    def build(self, obj) -> DocumentData | None:
        raise NotImplementedError

    def key(self, obj) -> str:
        return key_for(obj)


_registry: dict[type[models.Model], Builder] = {}


def register(builder_class: type[Builder]) -> type[Builder]:
    builder = builder_class()
    _registry[builder.model] = builder
    return builder_class


def builder_for(model: type[models.Model]) -> Builder | None:
    for klass in model.__mro__:
        if klass in _registry:
            return _registry[klass]
    return None


def builders() -> list[Builder]:
    return list(_registry.values())


def type_labels() -> dict[str, str]:
    return {builder.doc_type: builder.type_label for builder in _registry.values()}


def key_for(obj) -> str:
    meta = obj._meta
    return f"{meta.app_label}.{meta.model_name}:{obj.pk}"


def html_to_text(value) -> str:
    """Plain text of rich text or StreamField content, for the index."""
    text = strip_tags(str(value or "").replace("<", " <")).replace("&nbsp;", " ")
    return " ".join(unescape(text).split())[:MAX_BODY_CHARS]


def page_is_searchable(page) -> bool:
    return bool(page.live) and not page.get_view_restrictions().exists()


def organisation_facets(organisation) -> dict[str, list[tuple[str, str]]]:
    """Facet values that come from an owning (host) organisation."""
    if organisation is None:
        return {}
    facets = {
        "organisation": [(organisation.slug, organisation.name)],
        "organisation_kind": [(organisation.kind, capfirst(organisation.get_kind_display()))],
    }
    if organisation.region_id:
        facets["region"] = [(organisation.region.slug, organisation.region.name)]
    return facets


def taxonomy_facet(terms: Iterable) -> list[tuple[str, str]]:
    return [(term.slug, term.name_it) for term in terms]


# --- Builders for content on this branch ------------------------------------------------------


@register
class StandardPageBuilder(Builder):
    from core.models import StandardPage as model

    doc_type = "page"
    type_label = _("Page")

    def build(self, page) -> DocumentData | None:
        if not page_is_searchable(page):
            return None
        return DocumentData(
            key=self.key(page),
            doc_type=self.doc_type,
            title=page.title,
            url=page.url or "",
            body=" ".join(filter(None, [page.summary, html_to_text(page.body)])),
            date=page.last_published_at or page.first_published_at,
            details={"summary": page.summary},
        )
