"""The ISTAT register: all of Italy loads in seconds, twice without duplicates, refreshes."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from members.istat import DEFAULT_FILE, load_register
from members.models import Organisation, Province, Region


@pytest.mark.django_db
def test_the_whole_register_loads_and_reloads_idempotently():
    out = StringIO()
    call_command("load_istat", "--no-progress", stdout=out)
    assert Region.objects.count() == 20
    assert Province.objects.count() == 107
    municipalities = Organisation.objects.filter(kind=Organisation.Kind.MUNICIPALITY)
    assert municipalities.count() > 7800
    cesena = municipalities.get(istat_code="040007")
    assert (cesena.name, cesena.slug) == ("Comune di Cesena", "comune-di-cesena")
    assert cesena.province.abbreviation == "FC"
    assert cesena.region.name == "Emilia-Romagna"
    torino = Organisation.objects.get(istat_code="201")
    assert torino.kind == Organisation.Kind.METROPOLITAN_CITY
    assert torino.name == "Città metropolitana di Torino"
    assert Organisation.objects.get(istat_code="01").name == "Regione Piemonte"
    assert Organisation.objects.values("slug").distinct().count() == Organisation.objects.count()

    total = Organisation.objects.count()
    result = load_register(DEFAULT_FILE)
    assert (result.created, result.updated) == (0, 0)
    assert Organisation.objects.count() == total


def _sample(tmp_path: Path, lines: int) -> Path:
    raw = DEFAULT_FILE.read_bytes().decode("cp1252")
    # The header spans three physical lines (quoted line breaks).
    head = raw.split("\n")
    path = tmp_path / "sample.csv"
    path.write_text("\n".join(head[: 3 + lines]) + "\n", encoding="cp1252")
    return path


@pytest.mark.django_db
def test_refresh_updates_names_and_keeps_slugs(tmp_path):
    path = _sample(tmp_path, 5)
    load_register(path)
    first = Organisation.objects.filter(kind=Organisation.Kind.MUNICIPALITY).first()
    Organisation.objects.filter(pk=first.pk).update(name="Nome vecchio")
    result = load_register(path)
    assert result.updated == 1
    first.refresh_from_db()
    assert first.name != "Nome vecchio"
    assert first.slug.startswith("comune-di-")


@pytest.mark.django_db
def test_a_file_that_is_not_istat_is_refused_and_nothing_is_saved(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("nome;codice\nCesena;040007\n", encoding="utf-8")
    with pytest.raises(CommandError):
        call_command("load_istat", "--file", str(path), "--no-progress", stdout=StringIO())
    with pytest.raises(CommandError):
        call_command("load_istat", "--file", str(tmp_path / "missing.csv"), stdout=StringIO())
    assert Organisation.objects.count() == 0
