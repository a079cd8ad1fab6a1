"""Per-type search-document builders: how each kind of content becomes a search document.

Search reads the other apps only through these builders; the other apps never import search:
they ask for updates through ``core.indexing.schedule_update``. A builder says
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

    def related(self, obj) -> list:
        """Other indexed objects whose document shows ``obj`` (e.g. the organisation that
        publishes a practice): indexed again with it."""
        return []

    def prepare(self, objects: list) -> None:
        """Called by the rebuild with each batch of objects before ``build``: a place to read
        what the documents need for the whole batch at once (no query per object)."""

    def free_seats(self, obj) -> int | None:
        """The document's free-seat figure alone, for ``index.update_free_seats`` (a
        registration changed it and nothing else). Only builders of pages with sessions."""
        raise NotImplementedError

    #: whether the rebuild asks Wagtail for the most specific class (builders of one concrete
    #: model say False, so their ``select_related``/``prefetch_related`` keep working).
    specific = True


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


def stream_text(value) -> str:
    """Plain text of a StreamField: the values of its blocks, never the blocks' own names
    (rendering a StructBlock writes its field names, "topic", "outcome", into the text)."""
    parts: list[str] = []

    def walk(item) -> None:
        if item is None or isinstance(item, bool):
            return
        if hasattr(item, "stream_block") or isinstance(item, list | tuple):
            for child in item:
                walk(getattr(child, "value", child))
        elif hasattr(item, "items") and not isinstance(item, str):
            for child in item.values():
                walk(child)
        elif hasattr(item, "source"):  # RichText
            parts.append(html_to_text(item.source))
        elif isinstance(item, str | int | float):
            parts.append(html_to_text(str(item)))
        elif hasattr(item, "isoformat"):
            parts.append(item.isoformat())
        elif hasattr(item, "title"):  # a chosen page or document
            parts.append(str(item.title))

    walk(value)
    return " ".join(p for p in parts if p)[:MAX_BODY_CHARS]


def owner_of(page) -> list:
    """The organisation that publishes ``page`` (its document lists what it publishes)."""
    organisation = getattr(page, "organisation", None)
    return [organisation] if organisation is not None else []


#: set on objects that come from ``Builder.queryset()`` (already live and public), so the rebuild
#: does not ask for each page's view restrictions again.
CHECKED_ATTR = "_search_checked_public"


def page_is_searchable(page) -> bool:
    if getattr(page, CHECKED_ATTR, False):
        return True
    # The index is shared by everyone: it holds what an anonymous visitor may see.
    from django.contrib.auth.models import AnonymousUser

    from members.permissions import can_view_page

    return can_view_page(AnonymousUser(), page)


def merge_facets(*parts: dict[str, list[tuple[str, str]]]) -> dict[str, list[tuple[str, str]]]:
    """Join facet dicts; multi-valued facets keep each value once, in order."""
    merged: dict[str, list[tuple[str, str]]] = {}
    for part in parts:
        for name, values in part.items():
            bucket = merged.setdefault(name, [])
            for value in values:
                if value[0] and value[0] not in {existing[0] for existing in bucket}:
                    bucket.append(value)
    return {name: values for name, values in merged.items() if values}


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


def owned_page_queryset(builder: Builder, *related: str, prefetch: tuple = ()) -> models.QuerySet:
    return (
        builder.model._default_manager.live()
        .public()
        .select_related("organisation__region", *related)
        .prefetch_related(*prefetch)
    )
