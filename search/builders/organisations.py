"""Builder of organisations, with what they publish."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from search.builders.base import (
    MAX_BODY_CHARS,
    Builder,
    DocumentData,
    organisation_facets,
    register,
)


def published_by(organisations: list) -> dict[int, list[str]]:
    """Titles of the live, public pages each organisation publishes (practices, offers...)."""
    from members.models import owned_page_models

    titles: dict[int, list[str]] = {o.pk: [] for o in organisations}
    for model in owned_page_models():
        for organisation_id, title in (
            model.objects.live()
            .public()
            .filter(organisation__in=list(titles))
            .order_by("-first_published_at")
            .values_list("organisation_id", "title")
        ):
            titles[organisation_id].append(title)
    return titles


@register
class OrganisationBuilder(Builder):
    """A municipality or other body that has a description or publishes something: its
    kind and area, and the titles of what it publishes. Bodies of the ISTAT register with
    neither stay out of the index (the directory lists them all)."""

    from members.models import Organisation as model

    doc_type = "organisation"
    type_label = _("Organisation")
    specific = False

    def queryset(self) -> models.QuerySet:
        from members.models import owned_page_models

        publishing = models.Q(description__gt="")
        for model in owned_page_models():
            publishing |= models.Q(pk__in=model.objects.live().public().values("organisation_id"))
        return self.model.objects.filter(publishing).select_related("region", "province")

    def build(self, organisation) -> DocumentData | None:
        from django.urls import NoReverseMatch

        titles = getattr(organisation, "search_titles", None)
        if titles is None:
            titles = published_by([organisation])[organisation.pk]
        if not titles and not organisation.description:
            return None
        try:
            url = organisation.get_absolute_url()
        except NoReverseMatch:
            return None
        place = [organisation.province.name if organisation.province_id else ""]
        return DocumentData(
            key=self.key(organisation),
            doc_type=self.doc_type,
            title=organisation.name,
            url=url,
            summary=organisation.description,
            body=" ".join(filter(None, [*place, " ".join(titles)]))[:MAX_BODY_CHARS],
            years=[],
            facets=organisation_facets(organisation),
            details={"published": len(titles), "kind": str(organisation.get_kind_display())},
        )

    def prepare(self, objects: list) -> None:
        titles = published_by(objects)
        for obj in objects:
            obj.search_titles = titles[obj.pk]
