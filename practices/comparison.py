"""The comparison of one shared indicator across practices (and the adopters that report it).

Every live, public practice whose sheet reports the indicator is a row with its latest value,
raw and per 1,000 inhabitants of its organisation (ISTAT's resident population, see
members/data/README.md); an organisation that took a practice up and reported its own values
of the indicator is a row too. Filters are plain GET parameters: region (its slug) and size
class of the municipality; unknown values are dropped with a notice.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from core.charts import display, per_thousand
from core.visibility import public_pages_q
from members.models import Organisation, Region, SizeClass
from practices.models import Indicator, PracticePage, SharedIndicator, TransferValue


@dataclass
class ComparisonRow:
    label: str
    organisation: Organisation
    practice: PracticePage
    period_label: str
    value: Decimal
    per_1000: Decimal | None
    is_transfer: bool = False
    periods: int = 1

    @property
    def size_class(self):
        return self.organisation.size_class

    def value_display(self, unit: str) -> str:
        return display(self.value, unit)


@dataclass
class ComparisonFilters:
    region: Region | None = None
    size: str = ""
    per_1000: bool = False
    notices: list[str] = field(default_factory=list)
    regions: list = field(default_factory=list)
    sizes: list = field(default_factory=list)


def parse_filters(params, regions: list[Region]) -> ComparisonFilters:
    filters = ComparisonFilters(regions=regions, sizes=list(SizeClass.choices))
    region_slug = (params.get("region") or "").strip()
    if region_slug:
        filters.region = next((r for r in regions if r.slug == region_slug), None)
        if filters.region is None:
            filters.notices.append(_("Unknown region: the filter was dropped."))
    size = (params.get("size") or "").strip()
    if size:
        if size in SizeClass.values:
            filters.size = size
        else:
            filters.notices.append(_("Unknown size class: the filter was dropped."))
    filters.per_1000 = params.get("per") == "1000"
    return filters


def _latest(values: list):
    dated = sorted(
        values,
        key=lambda v: (v.period_date is None, v.period_date or 0, getattr(v, "sort_order", 0)),
    )
    return dated[-1] if dated else None


def _organisation_filter(prefix: str, filters: ComparisonFilters) -> dict:
    lookups = {}
    if filters.region is not None:
        lookups[f"{prefix}region"] = filters.region
    if filters.size:
        low, high = SizeClass.bounds(filters.size)
        lookups[f"{prefix}population__gte"] = low
        if high is not None:
            lookups[f"{prefix}population__lt"] = high
    return lookups


def comparison_rows(shared: SharedIndicator, filters: ComparisonFilters) -> list[ComparisonRow]:
    """Three queries: the indicators of public practices, their values, the adopters'
    values."""
    indicators = (
        Indicator.objects.filter(
            public_pages_q("practice__"),
            shared=shared,
            **_organisation_filter("practice__organisation__", filters),
        )
        .select_related("practice", "practice__organisation", "practice__organisation__region")
        .prefetch_related("values")
    )
    rows = []
    for indicator in indicators:
        values = list(indicator.values.all())
        latest = _latest(values)
        if latest is None:
            continue
        organisation = indicator.practice.organisation
        rows.append(
            ComparisonRow(
                label=organisation.name,
                organisation=organisation,
                practice=indicator.practice,
                period_label=latest.period_label,
                value=latest.value,
                per_1000=per_thousand(latest.value, organisation.population)
                if shared.per_inhabitant
                else None,
                periods=len(values),
            )
        )
    adopted: dict[int, list] = {}
    reported = TransferValue.objects.filter(
        public_pages_q("transfer__practice__"),
        shared=shared,
        **_organisation_filter("transfer__organisation__", filters),
    ).select_related(
        "transfer__organisation", "transfer__organisation__region", "transfer__practice"
    )
    for item in reported:
        adopted.setdefault(item.transfer_id, []).append(item)
    for items in adopted.values():
        latest = _latest(items)
        transfer = latest.transfer
        organisation = transfer.organisation
        rows.append(
            ComparisonRow(
                label=_("%(organisation)s (took up the practice of %(owner)s)")
                % {"organisation": organisation.name, "owner": transfer.practice.title},
                organisation=organisation,
                practice=transfer.practice,
                period_label=latest.period_label,
                value=latest.value,
                per_1000=per_thousand(latest.value, organisation.population)
                if shared.per_inhabitant
                else None,
                is_transfer=True,
                periods=len(items),
            )
        )
    rows.sort(key=lambda row: (row.value, row.label), reverse=shared.direction == "higher")
    return rows
