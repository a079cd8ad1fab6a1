"""The ISTAT register: regions, provinces and municipalities, loaded from ISTAT's CSV file.

``load_register`` is idempotent and uses bulk operations (a few seconds for all of Italy): it
creates what is missing, updates names and provinces that changed, and never changes the slug
of an organisation that already exists (slugs are public addresses).
"""

import csv
import io
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.utils.text import slugify

from core.text import fold
from members.models import Organisation, Province, Region

DEFAULT_FILE = Path(__file__).resolve().parent / "data" / "Elenco-comuni-italiani.csv"

# Columns of ISTAT's file, by position (their headers contain line breaks and accents).
COL_REGION_CODE = 0
COL_PROVINCE_CODE = 1
COL_MUNICIPALITY_CODE = 4
COL_MUNICIPALITY_NAME = 5
COL_REGION_NAME = 10
COL_PROVINCE_NAME = 11
COL_PROVINCE_TYPE = 12
COL_ABBREVIATION = 14

# "Tipologia di Unità territoriale sovracomunale": 1 province, 2 autonomous province,
# 3 metropolitan city, 4 free consortium of municipalities (Sicily), 5 non-administrative unit
# (the former provinces of Friuli-Venezia Giulia, which are not bodies any more).
PROVINCE_TYPES = {
    "1": (Organisation.Kind.PROVINCE, "Provincia di {}"),
    "2": (Organisation.Kind.PROVINCE, "Provincia autonoma di {}"),
    "3": (Organisation.Kind.METROPOLITAN_CITY, "Città metropolitana di {}"),
    "4": (Organisation.Kind.PROVINCE, "Libero consorzio comunale di {}"),
}


@dataclass
class Row:
    region_code: str
    region_name: str
    province_code: str
    province_name: str
    province_type: str
    abbreviation: str
    code: str
    name: str


@dataclass
class LoadResult:
    regions: int = 0
    provinces: int = 0
    created: int = 0
    updated: int = 0
    missing: list[str] = field(default_factory=list)


class RegisterFormatError(ValueError):
    """The file is not in ISTAT's format."""


def read_rows(path: Path) -> list[Row]:
    raw = Path(path).read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=";")
    header = next(reader, None)
    if not header or len(header) <= COL_ABBREVIATION or "Regione" not in header[0]:
        raise RegisterFormatError(f"{path} is not ISTAT's list of municipalities.")
    rows = []
    for line in reader:
        if len(line) <= COL_ABBREVIATION or not line[COL_MUNICIPALITY_CODE].strip():
            continue
        code = line[COL_MUNICIPALITY_CODE].strip()
        if not (code.isdigit() and len(code) == 6):
            raise RegisterFormatError(f"Invalid municipality code {code!r} in {path}.")
        rows.append(
            Row(
                region_code=line[COL_REGION_CODE].strip(),
                region_name=line[COL_REGION_NAME].strip(),
                province_code=line[COL_PROVINCE_CODE].strip(),
                province_name=line[COL_PROVINCE_NAME].strip(),
                province_type=line[COL_PROVINCE_TYPE].strip(),
                abbreviation=line[COL_ABBREVIATION].strip(),
                code=code,
                name=line[COL_MUNICIPALITY_NAME].strip(),
            )
        )
    return rows


def _unique_slug(base: str, taken: set[str], suffix: str) -> str:
    slug = base[:200]
    if slug in taken:
        slug = f"{base[:200]}-{suffix.lower()}"
    counter = 2
    candidate = slug
    while candidate in taken:
        candidate = f"{slug}-{counter}"
        counter += 1
    taken.add(candidate)
    return candidate


@transaction.atomic
def load_register(path: Path = DEFAULT_FILE, progress: Iterable | None = None) -> LoadResult:
    """Load or refresh the register from ISTAT's CSV. ``progress`` wraps the rows of
    municipalities (e.g. a tqdm factory) so the caller can show a progress bar."""
    rows = read_rows(path)
    result = LoadResult()

    # Regions and provinces: few rows, one query each to read, bulk to write.
    regions = {r.istat_code: r for r in Region.objects.all()}
    wanted_regions = {row.region_code: row.region_name for row in rows}
    for code, name in wanted_regions.items():
        region = regions.get(code)
        if region is None:
            regions[code] = Region.objects.create(istat_code=code, name=name, slug=slugify(name))
        elif region.name != name:
            region.name = name
            region.save(update_fields=["name"])
    result.regions = len(wanted_regions)

    provinces = {p.istat_code: p for p in Province.objects.all()}
    wanted_provinces = {row.province_code: row for row in rows}
    for code, row in wanted_provinces.items():
        values = {
            "name": row.province_name,
            "abbreviation": row.abbreviation,
            "region": regions[row.region_code],
        }
        province = provinces.get(code)
        if province is None:
            provinces[code] = Province.objects.create(istat_code=code, **values)
        elif any(getattr(province, key) != value for key, value in values.items()):
            for key, value in values.items():
                setattr(province, key, value)
            province.save()
    result.provinces = len(wanted_provinces)

    # Organisations: the regions, the provinces and metropolitan cities, the municipalities.
    wanted: dict[str, dict] = {}
    for code, name in wanted_regions.items():
        wanted[code] = {
            "kind": Organisation.Kind.REGION,
            "name": f"Regione {name}",
            "region": regions[code],
            "province": None,
            "suffix": code,
        }
    for code, row in wanted_provinces.items():
        if row.province_type not in PROVINCE_TYPES:
            continue
        kind, pattern = PROVINCE_TYPES[row.province_type]
        wanted[code] = {
            "kind": kind,
            "name": pattern.format(row.province_name),
            "region": regions[row.region_code],
            "province": provinces[code],
            "suffix": row.abbreviation or code,
        }
    names = Counter(row.name for row in rows)
    for row in rows:
        wanted[row.code] = {
            "kind": Organisation.Kind.MUNICIPALITY,
            "name": f"Comune di {row.name}",
            "region": regions[row.region_code],
            "province": provinces[row.province_code],
            # Homonymous municipalities (Calliano TN and AT...) get the province in the slug.
            "suffix": row.abbreviation if names[row.name] > 1 else row.code,
            "homonym": names[row.name] > 1,
        }

    existing = {
        org.istat_code: org
        for org in Organisation.objects.exclude(istat_code="").only(
            "pk", "istat_code", "kind", "name", "region_id", "province_id", "slug"
        )
    }
    taken = set(Organisation.objects.values_list("slug", flat=True))
    to_create, to_update = [], []
    items = list(wanted.items())
    for code, values in progress(items) if progress else items:
        org = existing.get(code)
        if org is None:
            base = slugify(values["name"])
            if values.get("homonym"):
                base = f"{base}-{values['suffix'].lower()}"
            to_create.append(
                Organisation(
                    istat_code=code,
                    kind=values["kind"],
                    name=values["name"],
                    search_name=fold(values["name"]),
                    region=values["region"],
                    province=values["province"],
                    slug=_unique_slug(base, taken, values["suffix"]),
                )
            )
            continue
        province_id = values["province"].pk if values["province"] else None
        if (org.name, org.region_id, org.province_id) != (
            values["name"],
            values["region"].pk,
            province_id,
        ):
            org.name = values["name"]
            org.search_name = fold(values["name"])
            org.region_id = values["region"].pk
            org.province_id = province_id
            to_update.append(org)
    Organisation.objects.bulk_create(to_create, batch_size=500)
    Organisation.objects.bulk_update(
        to_update, ["name", "search_name", "region", "province"], batch_size=500
    )
    result.created = len(to_create)
    result.updated = len(to_update)
    result.missing = sorted(code for code in existing if code not in wanted)
    return result
