"""ISTAT's resident population, committed offline and loaded onto the register."""

import pytest
from django.core.management import call_command

from members.models import Organisation
from members.population import (
    DEFAULT_FILE,
    PopulationFormatError,
    load_population,
    read_population,
)
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def test_the_committed_file_has_every_municipality_with_a_whole_number():
    population = read_population(DEFAULT_FILE)
    assert len(population) > 7800
    assert population["040007"] == 95_778  # Cesena
    assert all(value > 0 for value in population.values())


def test_loading_is_idempotent_and_skips_unknown_codes(tmp_path):
    cesena = OrganisationFactory(istat_code="040007", slug="cesena")
    path = tmp_path / "pop.csv"
    path.write_text("codice_comune;popolazione_residente\n040007;95000\n999999;5\n")
    result = load_population(path, year=2024)
    assert (result.read, result.updated, result.unknown) == (2, 1, ["999999"])
    cesena.refresh_from_db()
    assert (cesena.population, cesena.population_year) == (95_000, 2024)
    assert load_population(path, year=2024).updated == 0


def test_a_file_in_another_format_is_refused(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("comune,abitanti\nCesena,95000\n")
    with pytest.raises(PopulationFormatError):
        read_population(path)


def test_the_register_command_loads_the_population(tmp_path):
    register = tmp_path / "comuni.csv"
    header = ";".join(["Codice Regione"] + [f"c{i}" for i in range(25)])
    row = [
        "08",
        "040",
        "040",
        "007",
        "040007",
        "Cesena",
        "Cesena",
        "",
        "2",
        "Nord-est",
        "Emilia-Romagna",
        "Forlì-Cesena",
        "1",
        "0",
        "FC",
    ] + [""] * 11
    register.write_text(header + "\n" + ";".join(row) + "\n", encoding="utf-8")
    population = tmp_path / "pop.csv"
    population.write_text("codice_comune;popolazione_residente\n040007;95778\n")
    call_command("load_istat", file=register, population=population, no_progress=True, verbosity=0)
    cesena = Organisation.objects.get(istat_code="040007")
    assert cesena.population == 95_778 and cesena.population_year == 2023
