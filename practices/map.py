"""The map of Italy's regions, coloured by how many practices (and, through a registry, other
content such as exchange offers) each has; each region links to the search filtered by it.

The counts are cached per site and language and dropped on publish (``practices.caching``),
so the home page and the practices index pay no query for them on a hit.

Outlines: ``practices/data/italy-regions.json`` (CC BY 4.0, see the README there). Apps above
practices add what they count with ``register_map_source`` in their ``AppConfig.ready()``: a
label and a function returning ``{region_id: count}`` in one query.
"""

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from django.db.models import Count
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from practices.caching import cached

DATA_FILE = Path(__file__).resolve().parent / "data" / "italy-regions.json"
# The ids of @svg-maps/italy and the ISTAT codes they were replaced with.
SVG_MAPS_IDS = {
    "piedmont": "01",
    "aosta-valley": "02",
    "lombardy": "03",
    "trentino-south-tyrol": "04",
    "veneto": "05",
    "friuli-venezia-giulia": "06",
    "liguria": "07",
    "emilia-romagna": "08",
    "tuscany": "09",
    "umbria": "10",
    "marche": "11",
    "lazio": "12",
    "abruzzo": "13",
    "molise": "14",
    "campania": "15",
    "apulia": "16",
    "basilicata": "17",
    "calabria": "18",
    "sicily": "19",
    "sardinia": "20",
}
COLOURS = ["#e6e9f2", "#b3d1f0", "#66a3e0", "#0066cc", "#004080"]


@dataclass(frozen=True)
class MapSource:
    key: str
    label: str
    count: Callable[[], dict[int, int]]


_SOURCES: dict[str, MapSource] = {}


def register_map_source(source: MapSource) -> None:
    _SOURCES[source.key] = source


def sources() -> list[MapSource]:
    return list(_SOURCES.values())


@cache
def outlines() -> dict:
    return json.loads(DATA_FILE.read_text(encoding="utf-8"))


@dataclass
class MapRegion:
    name: str
    slug: str
    title: str
    path: str
    counts: list[int]
    total: int
    colour: str
    url: str


@dataclass
class RegionMap:
    view_box: str
    regions: list[MapRegion] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)
    total: int = 0
    credit: str = ""


def count_practices() -> dict[int, int]:
    from core.visibility import public_pages_q
    from practices.models import PracticePage

    rows = (
        PracticePage.objects.filter(public_pages_q(), organisation__region__isnull=False)
        .order_by()
        .values("organisation__region")
        .annotate(count=Count("pk"))
    )
    return {row["organisation__region"]: row["count"] for row in rows}


def _colour(total: int, top: int) -> str:
    if total <= 0 or top <= 0:
        return COLOURS[0]
    step = (len(COLOURS) - 1) * total / top
    return COLOURS[max(1, min(len(COLOURS) - 1, round(step + 0.49)))]


def region_map(request=None) -> RegionMap:
    """The map, kept per site and language until the next publish (``practices.caching``):
    no query on a hit; one for the regions and one per source to build it."""
    return cached(request, "region-map", _build_region_map)


def _build_region_map(request=None) -> RegionMap:
    from members.models import Region

    data = outlines()
    regions = {region.istat_code: region for region in Region.objects.all()}
    counted = [(source, source.count()) for source in sources()]
    search_url = reverse("search")
    result = RegionMap(
        view_box=data["viewBox"],
        labels=[str(source.label) for source, _counts in counted],
        credit=data["source"] + " · " + data["licence"].split(",")[0],
    )
    rows = []
    for outline in data["regions"]:
        region = regions.get(outline["istat_code"])
        if region is None:
            continue
        counts = [counts.get(region.pk, 0) for _source, counts in counted]
        rows.append((region, outline["path"], counts))
    top = max((sum(counts) for _r, _p, counts in rows), default=0)
    for region, path, counts in rows:
        total = sum(counts)
        result.total += total
        result.regions.append(
            MapRegion(
                name=region.name,
                slug=region.slug,
                title=region.name
                + ": "
                + ", ".join(
                    f"{label} {count}" for label, count in zip(result.labels, counts, strict=True)
                ),
                path=path,
                counts=counts,
                total=total,
                colour=_colour(total, top),
                url=f"{search_url}?region={region.slug}",
            )
        )
    result.regions.sort(key=lambda item: item.name)
    return result


def register() -> None:
    register_map_source(
        MapSource(key="practices", label=_("Good practices"), count=count_practices)
    )
