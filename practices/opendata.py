"""Open data: the rows of the CSV and JSON downloads of the practice and toolbox indexes.

The field list is documented in docs/open-data.md; keep the two in step.
"""

from collections.abc import Iterable, Iterator

from core.spreadsheets import safe_cell

PRACTICE_COLUMNS = [
    "id",
    "title",
    "url",
    "summary",
    "organisation",
    "organisation_istat_code",
    "organisation_kind",
    "region",
    "host_office",
    "themes",
    "instruments",
    "tags",
    "legal_basis",
    "partners",
    "other_partners_count",
    "start_year",
    "status",
    "end_year",
    "first_published_at",
    "last_published_at",
]
TOOL_COLUMNS = [
    "id",
    "title",
    "url",
    "instrument",
    "organisation",
    "organisation_istat_code",
    "organisation_kind",
    "region",
    "licence",
    "version",
    "version_date",
    "adapted_from",
    "files",
    "first_published_at",
    "last_published_at",
]
LIST_SEPARATOR = "; "
CHUNK = 500


def _organisation(page) -> dict:
    organisation = page.organisation
    return {
        "organisation": organisation.name,
        "organisation_istat_code": organisation.istat_code,
        "organisation_kind": organisation.kind,
        "region": organisation.region.name if organisation.region_id else "",
    }


def practice_rows(queryset, request) -> Iterator[dict]:
    queryset = queryset.prefetch_related("tagged_items__tag", "partners")
    for page in queryset.iterator(chunk_size=CHUNK):
        yield {
            "id": page.pk,
            "title": page.title,
            "url": page.get_full_url(request),
            "summary": page.summary,
            **_organisation(page),
            "host_office": page.host_office,
            "themes": [theme.slug for theme in page.themes.all()],
            "instruments": [instrument.slug for instrument in page.instruments.all()],
            "tags": [item.tag.name for item in page.tagged_items.all()],
            "legal_basis": page.legal_basis,
            "partners": [partner.name for partner in page.partners.all()],
            "other_partners_count": page.other_partners_count,
            "start_year": page.start_year,
            "status": page.status,
            "end_year": page.end_year,
            "first_published_at": page.first_published_at,
            "last_published_at": page.last_published_at,
        }


def tool_rows(queryset, request) -> Iterator[dict]:
    queryset = queryset.prefetch_related("files__document")
    for page in queryset.iterator(chunk_size=CHUNK):
        yield {
            "id": page.pk,
            "title": page.title,
            "url": page.get_full_url(request),
            "instrument": page.instrument.slug,
            **_organisation(page),
            "licence": page.licence,
            "version": page.version,
            "version_date": page.version_date,
            "adapted_from": page.adapted_from_id,
            "files": [request.build_absolute_uri(f.document.url) for f in page.files.all()],
            "first_published_at": page.first_published_at,
            "last_published_at": page.last_published_at,
        }


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        value = LIST_SEPARATOR.join(str(item) for item in value)
    return safe_cell(str(value) if not hasattr(value, "isoformat") else value.isoformat())


def csv_lines(rows: Iterable[dict], columns: list[str]) -> Iterator[list[str]]:
    yield columns
    for row in rows:
        yield [_cell(row[column]) for column in columns]
