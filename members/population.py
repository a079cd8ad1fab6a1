"""ISTAT's resident population of the municipalities, loaded onto the register's organisations.

The file is committed offline in ``members/data/`` with its source and date (see the README
there): a header row, then ``codice_comune;popolazione_residente`` (six-digit ISTAT code and a
whole number), semicolon-separated, UTF-8. ``load_population`` is idempotent and runs in a
couple of bulk queries; codes that are not in the register are counted, not created.
"""

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from members.models import Organisation

DEFAULT_FILE = Path(__file__).resolve().parent / "data" / "popolazione-residente-2023.csv"
DEFAULT_YEAR = 2023
HEADER = ["codice_comune", "popolazione_residente"]


class PopulationFormatError(ValueError):
    """The file is not in the documented format."""


@dataclass
class PopulationResult:
    read: int = 0
    updated: int = 0
    unknown: list[str] = field(default_factory=list)


def read_population(path: Path) -> dict[str, int]:
    text = Path(path).read_bytes().decode("utf-8-sig")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=";")
    header = [cell.strip().lower() for cell in next(reader, [])]
    if header[:2] != HEADER:
        raise PopulationFormatError(
            f"{path}: the first row must be {';'.join(HEADER)}, not {';'.join(header)!r}."
        )
    population = {}
    for number, line in enumerate(reader, start=2):
        if not line or not line[0].strip():
            continue
        code, value = line[0].strip(), (line[1].strip() if len(line) > 1 else "")
        if not (code.isdigit() and len(code) == 6) or not value.isdigit():
            raise PopulationFormatError(f"{path}, row {number}: {code!r};{value!r} is not valid.")
        population[code] = int(value)
    return population


@transaction.atomic
def load_population(path: Path = DEFAULT_FILE, *, year: int = DEFAULT_YEAR) -> PopulationResult:
    population = read_population(path)
    result = PopulationResult(read=len(population))
    organisations = list(
        Organisation.objects.filter(
            kind=Organisation.Kind.MUNICIPALITY, istat_code__in=list(population)
        ).only("pk", "istat_code", "population", "population_year")
    )
    changed = []
    for organisation in organisations:
        value = population[organisation.istat_code]
        if (organisation.population, organisation.population_year) != (value, year):
            organisation.population, organisation.population_year = value, year
            changed.append(organisation)
    Organisation.objects.bulk_update(changed, ["population", "population_year"], batch_size=500)
    known = {organisation.istat_code for organisation in organisations}
    result.updated = len(changed)
    result.unknown = sorted(code for code in population if code not in known)
    return result
