"""The search service: one function for the page, the API, tests and the benchmark.

``search(query, filters, page, sort)`` parses the text (``search.text``), asks the configured
engine (``search.engines``) and returns ``SearchResults``: hits with snippets, facet counts
that reflect the other active filters, the total and page information.
"""

from __future__ import annotations

import logging
import time

from django.conf import settings
from django.utils.safestring import mark_safe
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from search.builders import type_labels
from search.documents import (
    FACET_NAMES,
    MAX_PAGE,
    PER_PAGE,
    SORTS,
    FacetValue,
    Hit,
    SearchResults,
)
from search.engines import engine_name, get_engine
from search.text import highlight, parse_query

logger = logging.getLogger(__name__)


class SearchError(ValueError):
    """Parameters the service cannot answer (the view turns it into a 400)."""


def facet_titles() -> dict[str, str]:
    return {
        "type": _("Content type"),
        "theme": _("Theme"),
        "instrument": _("Instrument"),
        "transfer": _("Transfer stage"),
        "region": _("Region"),
        "organisation": _("Host organisation"),
        "organisation_kind": _("Kind of organisation"),
        "mode": _("Format"),
        "when": _("When"),
        "free_seats": _("Seats"),
    }


def taxonomy_labels(name: str, language: str) -> dict[str, str]:
    """Slug -> name of themes or instruments in ``language`` (stored labels are Italian)."""
    from practices.models import Instrument, Theme

    model = Theme if name == "theme" else Instrument
    return dict(model.objects.exclude(name_en="").values_list("slug", "name_en"))


def hit_label_translations() -> dict[str, dict[str, str]]:
    """Stored (Italian) label -> label in the active language, for the facets a hit card shows.

    Documents keep the labels they were indexed with, in Italian (the index is written by the
    task worker in the site's language); an English page shows themes and instruments by
    their English names (falling back to Italian when a term has none) and the format by its
    translated name."""
    from django.utils import translation

    from practices.models import Adoption, Instrument, Theme

    labels: dict[str, dict[str, str]] = {}
    for name, model in (("theme", Theme), ("instrument", Instrument)):
        labels[name] = dict(model.objects.exclude(name_en="").values_list("name_it", "name_en"))
    with translation.override("it"):
        italian_modes = {value: value_label("mode", value, "") for value in MODES}
    labels["mode"] = {
        italian: value_label("mode", value, "") for value, italian in italian_modes.items()
    }
    with translation.override("it"):
        italian_stages = {value: str(label) for value, label in Adoption.Stage.choices}
    labels["transfer"] = {
        italian: value_label("transfer", value, "") for value, italian in italian_stages.items()
    }
    return labels


def translate_hit_facets(
    facets: dict[str, list[str]], translations: dict[str, dict[str, str]]
) -> dict[str, list[str]]:
    return {
        name: [translations.get(name, {}).get(label, label) for label in labels]
        for name, labels in facets.items()
    }


MODES = ("online", "in_person", "hybrid")


def value_label(name: str, value: str, stored: str, translated: dict | None = None) -> str:
    """The label of a facet value in the active language."""
    if translated and value in translated:
        return translated[value]
    if name == "type":
        return str(type_labels().get(value, stored or value))
    if name == "organisation_kind":
        from members.models import Organisation

        try:
            return str(capfirst(Organisation.Kind(value).label))
        except ValueError:
            return stored or value
    if name == "mode":
        return {"online": _("Online"), "in_person": _("In person"), "hybrid": _("Hybrid")}.get(
            value, stored or value
        )
    if name == "transfer":
        from practices.models import Adoption

        try:
            return str(Adoption.Stage(value).label)
        except ValueError:
            return stored or value
    if name == "when":
        if value == "upcoming":
            return _("Upcoming")
        if value == "past":
            return _("Past")
        return stored or value.removeprefix("year:")
    if name == "free_seats":
        return _("With free seats")
    return stored or value


def _sort_facet(name: str, values: list[FacetValue]) -> list[FacetValue]:
    if name == "when":
        fixed = [v for v in values if v.value in ("upcoming", "past")]
        years = sorted((v for v in values if v.value.startswith("year:")), key=lambda v: v.value)
        return fixed + list(reversed(years))
    return sorted(values, key=lambda v: (-v.count, v.label.lower()))


#: monotonic time until which the cluster is not asked again after it failed.
_cluster_resting_until = 0.0


def run_search(parsed, filters, page: int, sort: str):
    """Ask the configured engine; when a cluster fails (down, slow: its client gives up after
    ``SEARCH_CLUSTER_TIMEOUT`` seconds) the database engine answers, a warning is logged and
    the cluster rests for ``SEARCH_CLUSTER_RETRY_AFTER`` seconds before it is asked again."""
    global _cluster_resting_until
    name = engine_name()
    if name != "database" and time.monotonic() >= _cluster_resting_until:
        try:
            return get_engine(name).search(parsed, filters, page, PER_PAGE, sort)
        except Exception as error:
            rest = float(getattr(settings, "SEARCH_CLUSTER_RETRY_AFTER", 30))
            _cluster_resting_until = time.monotonic() + rest
            logger.warning(
                "Search cluster (%s) failed, the database engine answers for %ss: %r",
                name,
                rest,
                error,
            )
    return get_engine("database").search(parsed, filters, page, PER_PAGE, sort)


def get_language_from_request_or_active() -> str:
    from django.utils.translation import get_language

    return (get_language() or "it").split("-")[0]


def snippet_text(document) -> str:
    """The text a snippet is cut from: the summary, then the body."""
    summary = getattr(document, "summary", "") or ""
    body = document.body or ""
    return f"{summary} {body}" if summary and not body.startswith(summary) else body or summary


def search(
    query: str = "",
    filters: dict[str, list[str]] | None = None,
    page: int = 1,
    sort: str = "relevance",
) -> SearchResults:
    """Search every indexed document. Unknown facet names are ignored; unknown values simply
    match nothing. ``page`` must be 1..MAX_PAGE and ``sort`` one of SORTS (else SearchError)."""
    if not isinstance(page, int) or not 1 <= page <= MAX_PAGE:
        raise SearchError(
            _("The page number must be a whole number from 1 to %(max)s.") % {"max": MAX_PAGE}
        )
    if sort not in SORTS:
        raise SearchError(_("Sort by relevance or by date."))
    clean_filters = {
        name: sorted({str(v) for v in (filters or {}).get(name, []) if str(v)})
        for name in FACET_NAMES
    }
    clean_filters = {name: values for name, values in clean_filters.items() if values}
    parsed = parse_query(query)
    total, documents, hit_facets, counts = run_search(parsed, clean_filters, page, sort)
    labels = type_labels()
    english = get_language_from_request_or_active() != "it"
    hit_translations = hit_label_translations() if english and documents else {}
    hits = [
        Hit(
            key=document.key,
            type=document.doc_type,
            type_label=str(labels.get(document.doc_type, document.doc_type)),
            title=document.title,
            url=document.url,
            snippet=mark_safe(highlight(snippet_text(document), parsed)),  # noqa: S308 - escaped
            date=document.date,
            event_end=document.event_end,
            free_seats=document.free_seats,
            facets=translate_hit_facets(
                {
                    name: values
                    for name, values in hit_facets.get(document.pk, {}).items()
                    if name not in ("type", "when")
                },
                hit_translations,
            ),
            details=document.details or {},
        )
        for document in documents
    ]
    facets: dict[str, list[FacetValue]] = {}
    for name in FACET_NAMES:
        selected = set(clean_filters.get(name, []))
        translated = (
            taxonomy_labels(name, "en")
            if english and name in ("theme", "instrument") and counts.get(name)
            else None
        )
        values = [
            FacetValue(value, value_label(name, value, label, translated), count, value in selected)
            for value, label, count in counts.get(name, [])
            if count or value in selected
        ]
        known = {v.value for v in values}
        values += [
            FacetValue(value, value_label(name, value, ""), 0, True)
            for value in selected
            if value not in known
        ]
        facets[name] = _sort_facet(name, values)
    return SearchResults(
        query=parsed.text,
        filters=clean_filters,
        sort=sort,
        page=page,
        per_page=PER_PAGE,
        total=total,
        hits=hits,
        facets=facets,
    )
