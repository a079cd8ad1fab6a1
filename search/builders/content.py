"""Builders of site pages, good-practice sheets and toolbox instruments."""

from __future__ import annotations

from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from search.builders.base import (
    MAX_BODY_CHARS,
    Builder,
    DocumentData,
    html_to_text,
    merge_facets,
    organisation_facets,
    owned_page_queryset,
    owner_of,
    page_is_searchable,
    register,
    stream_text,
    taxonomy_facet,
)

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
            summary=page.summary,
            body=html_to_text(page.body),
            date=page.last_published_at or page.first_published_at,
            details={"summary": page.summary},
        )


class LegalPageBuilder(Builder):
    """The privacy notice and the accessibility statement: structured pages, one text."""

    doc_type = "page"
    type_label = _("Page")
    text_fields: tuple[str, ...] = ()

    def build(self, page) -> DocumentData | None:
        if not page_is_searchable(page):
            return None
        parts = [getattr(page, name) for name in self.text_fields]
        body = " ".join(
            stream_text(part) if hasattr(part, "stream_block") else html_to_text(part)
            for part in parts
        )
        return DocumentData(
            key=self.key(page),
            doc_type=self.doc_type,
            title=page.title,
            url=page.url or "",
            summary=page.search_description,
            body=body[:MAX_BODY_CHARS],
            date=page.last_published_at or page.first_published_at,
            details={"summary": page.search_description},
        )


@register
class PrivacyNoticePageBuilder(LegalPageBuilder):
    from core.models import PrivacyNoticePage as model

    text_fields = ("intro", "processings", "recipients", "rights", "how_to_exercise")


@register
class AccessibilityStatementPageBuilder(LegalPageBuilder):
    from core.models import AccessibilityStatementPage as model

    text_fields = ("non_accessible_content", "assessment_notes", "feedback", "enforcement")


# --- Practices, tools, exchange offers, meetings, public discussions --------------------------


def practice_years(page) -> list[int]:
    """The period of a practice: from its start year to its end year (this year if ongoing)."""
    from django.utils import timezone

    if not page.start_year:
        return []
    last = page.end_year or max(page.start_year, timezone.localdate().year)
    return list(range(page.start_year, last + 1))


def transfer_facet(adoptions) -> list[tuple[str, str]]:
    """The stages a practice's transfers reached, each once, in the journey's order
    (interested, visited, planning, adopted, results reported), labelled in Italian as the
    other stored labels are (the page translates them)."""
    from practices.models import Adoption

    reached = {adoption.stage for adoption in adoptions}
    with translation.override("it"):
        return [(value, str(label)) for value, label in Adoption.Stage.choices if value in reached]


@register
class PracticePageBuilder(Builder):
    from practices.models import PracticePage as model

    doc_type = "practice"
    type_label = _("Practice")
    specific = False

    def related(self, page) -> list:
        return owner_of(page)

    def queryset(self) -> models.QuerySet:
        return owned_page_queryset(
            self, prefetch=("themes", "instruments", "partners", "adoptions__organisation")
        )

    def build(self, page) -> DocumentData | None:
        if not page_is_searchable(page):
            return None
        partners = [partner.name for partner in page.partners.all()]
        # Transfers (issue 20): who took the practice up and how far, so "adottata" or an
        # adopter's name finds the sheet, and the stages are a facet.
        adoptions = list(page.adoptions.all())
        transfers = [
            f"{adoption.organisation.name} ({adoption.get_stage_display()})"
            for adoption in adoptions
        ]
        body = [
            stream_text(page.body),
            page.host_office,
            page.legal_basis,
            page.organisation.name if page.organisation_id else "",
            " ".join(partners),
            " ".join(transfers),
        ]
        return DocumentData(
            key=self.key(page),
            doc_type=self.doc_type,
            title=page.title,
            url=page.url or "",
            summary=page.summary,
            body=" ".join(filter(None, body))[:MAX_BODY_CHARS],
            date=page.last_published_at or page.first_published_at,
            years=practice_years(page),
            facets=merge_facets(
                {
                    "theme": taxonomy_facet(page.themes.all()),
                    "instrument": taxonomy_facet(page.instruments.all()),
                    "transfer": transfer_facet(adoptions),
                },
                organisation_facets(page.organisation),
            ),
            details={
                "summary": page.summary,
                "organisation": page.organisation.name if page.organisation_id else "",
                "start_year": page.start_year,
                "status": str(page.get_status_display()),
            },
        )


@register
class ToolPageBuilder(Builder):
    from practices.models import ToolPage as model

    doc_type = "tool"
    type_label = _("Tool")
    specific = False

    def related(self, page) -> list:
        return owner_of(page)

    def queryset(self) -> models.QuerySet:
        return owned_page_queryset(self, "instrument")

    def build(self, page) -> DocumentData | None:
        if not page_is_searchable(page):
            return None
        instrument = [page.instrument] if page.instrument_id else []
        return DocumentData(
            key=self.key(page),
            doc_type=self.doc_type,
            title=page.title,
            url=page.url or "",
            body=" ".join(
                filter(
                    None,
                    [
                        html_to_text(page.description),
                        page.organisation.name if page.organisation_id else "",
                        instrument[0].name_it if instrument else "",
                    ],
                )
            ),
            date=page.last_published_at or page.first_published_at,
            facets=merge_facets(
                {"instrument": taxonomy_facet(instrument)}, organisation_facets(page.organisation)
            ),
            details={
                "organisation": page.organisation.name if page.organisation_id else "",
                "licence": str(page.get_licence_display()),
                "version": page.version,
            },
        )
