"""Unions of municipalities (unioni di comuni) in the register, from a staff CSV file.

ISTAT's list of municipalities has no unions, and no official offline list of them could be
found to ship with the code: staff import one from a CSV (members/data/README.md says the
format). A union's province and region come from its member municipalities when the file does
not give them. Idempotent: a union is matched by its name, folded like the picker folds it
("Unione dei Comuni Valle del Savio" = "unione dei comuni valle del savio").
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.utils.text import slugify

from core.text import fold
from members.models import Organisation, Province

SAMPLE_FILE = Path(__file__).resolve().parent / "data" / "unioni-esempio.csv"
NAME_COLUMNS = ("denominazione", "name", "nome")
MEMBERS_COLUMNS = ("comuni", "municipalities", "codici_istat")
PROVINCE_COLUMNS = ("sigla_provincia", "provincia", "province")
WEBSITE_COLUMNS = ("sito", "website", "sito_web")


class UnionsFileError(ValueError):
    """The file cannot be read as a list of unions; the message says why, in words."""


@dataclass
class UnionsResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    unknown_municipalities: list[str] = field(default_factory=list)


@dataclass
class UnionRow:
    name: str
    members: list[str]
    province: str
    website: str


def _column(header: dict[str, str], names: tuple[str, ...]) -> str | None:
    return next((header[name] for name in names if name in header), None)


def read_unions(text: str) -> list[UnionRow]:
    """Rows of a CSV (comma or semicolon, a header row) with at least a name column."""
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;")
    except csv.Error:
        dialect = csv.excel
    reader = csv.DictReader(io.StringIO(text), dialect=dialect)
    header = {fold(name or "").replace(" ", "_"): name for name in reader.fieldnames or []}
    name_column = _column(header, NAME_COLUMNS)
    if name_column is None:
        raise UnionsFileError(
            "The file needs a 'denominazione' (or 'name') column with the union's name."
        )
    members_column = _column(header, MEMBERS_COLUMNS)
    province_column = _column(header, PROVINCE_COLUMNS)
    website_column = _column(header, WEBSITE_COLUMNS)
    rows = []
    for line in reader:
        name = " ".join((line.get(name_column) or "").split())
        if not name:
            continue
        members = re.findall(r"\d{6}", line.get(members_column) or "") if members_column else []
        rows.append(
            UnionRow(
                name=name,
                members=members,
                province=(line.get(province_column) or "").strip() if province_column else "",
                website=(line.get(website_column) or "").strip() if website_column else "",
            )
        )
    return rows


def _unique_slug(name: str) -> str:
    base = slugify(name)[:200] or "unione"
    slug, number = base, 2
    while Organisation.objects.filter(slug=slug).exists():
        slug, number = f"{base}-{number}", number + 1
    return slug


@transaction.atomic
def import_unions(text: str) -> UnionsResult:
    rows = read_unions(text)
    result = UnionsResult()
    codes = {code for row in rows for code in row.members}
    municipalities = {
        organisation.istat_code: organisation
        for organisation in Organisation.objects.filter(
            kind=Organisation.Kind.MUNICIPALITY, istat_code__in=codes
        )
    }
    provinces = {province.abbreviation.upper(): province for province in Province.objects.all()}
    existing = {
        organisation.search_name: organisation
        for organisation in Organisation.objects.filter(kind=Organisation.Kind.UNION)
    }
    for row in rows:
        members = [municipalities[code] for code in row.members if code in municipalities]
        result.unknown_municipalities += [
            code for code in row.members if code not in municipalities
        ]
        province = provinces.get(row.province.upper()) if row.province else None
        if province is None and members:
            province = members[0].province
        region_ids = {member.region_id for member in members if member.region_id}
        region_id = province.region_id if province else None
        if region_id is None and len(region_ids) == 1:
            region_id = region_ids.pop()
        union = existing.get(fold(row.name))
        values = {
            "name": row.name,
            "province": province,
            "region_id": region_id,
            "website": row.website or (union.website if union else ""),
        }
        if union is None:
            union = Organisation(
                kind=Organisation.Kind.UNION, slug=_unique_slug(row.name), **values
            )
            union.save()
            existing[union.search_name] = union
            result.created += 1
            continue
        changed = [name for name, value in values.items() if getattr(union, name) != value]
        if changed:
            for name in changed:
                setattr(union, name, values[name])
            union.save()
            result.updated += 1
        else:
            result.unchanged += 1
    return result
