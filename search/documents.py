"""The engine-neutral shape of a search document and of search results."""

import datetime
from dataclasses import dataclass, field

from django.utils.safestring import SafeString

#: Facets in the order the page shows them. ``type``, ``when`` and ``free_seats`` are computed
#: from document fields; the others come from the documents' facet values. ``transfer`` is the
#: stage of a practice's transfers (issue 20), one value per stage some adopter reached.
FACET_NAMES = (
    "type",
    "theme",
    "instrument",
    "transfer",
    "region",
    "organisation",
    "organisation_kind",
    "mode",
    "when",
    "free_seats",
)
#: Facets whose values are stored per document in the facet table.
STORED_FACETS = (
    "type",
    "theme",
    "instrument",
    "transfer",
    "region",
    "organisation",
    "organisation_kind",
    "mode",
)
SORTS = ("relevance", "date")
PER_PAGE = 20
MAX_PAGE = 500


@dataclass
class DocumentData:
    """What a builder returns for one object; engines store it their own way."""

    key: str
    doc_type: str
    title: str
    url: str
    body: str = ""
    #: a short description, weighted between the title and the body.
    summary: str = ""
    date: datetime.datetime | None = None
    event_end: datetime.datetime | None = None
    free_seats: int | None = None
    language: str = "it"
    #: facet name -> [(value, label)], several values where the data is multi-valued.
    facets: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    #: extra fields for the result card (e.g. "place", "organisation").
    details: dict = field(default_factory=dict)
    #: the years of the ``when`` facet: an event's date, a practice's period. None: the year of
    #: ``date`` for things on the calendar (``event_end`` set), no year otherwise (a page's
    #: publication date is not what a person means by "2026").
    years: list[int] | None = None

    def facet_rows(self) -> list[tuple[str, str, str]]:
        rows = {("type", self.doc_type): self.doc_type}
        for name, values in self.facets.items():
            if name not in STORED_FACETS or name == "type":
                continue
            for value, label in values:
                if value:
                    rows[(name, str(value)[:120])] = str(label)[:200]
        years = self.years
        if years is None:
            years = [self.date.year] if self.date is not None and self.event_end else []
        for year in years:
            rows[("when", f"year:{year}")] = str(year)
        return [(name, value, label) for (name, value), label in rows.items()]


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool = False


@dataclass
class Hit:
    key: str
    type: str
    type_label: str
    title: str
    url: str
    snippet: SafeString
    date: datetime.datetime | None
    event_end: datetime.datetime | None
    free_seats: int | None
    facets: dict[str, list[str]]
    details: dict


@dataclass
class SearchResults:
    query: str
    filters: dict[str, list[str]]
    sort: str
    page: int
    per_page: int
    total: int
    hits: list[Hit]
    facets: dict[str, list[FacetValue]]

    @property
    def num_pages(self) -> int:
        return max(1, -(-self.total // self.per_page))

    @property
    def has_next(self) -> bool:
        return self.page < self.num_pages

    @property
    def has_previous(self) -> bool:
        return self.page > 1
