"""Unions of municipalities enter the register from a staff CSV (``import_unions``): province
and region from the members, idempotent, found by the picker."""

import io

import pytest
from django.core.management import CommandError, call_command

from members.forms import search_organisations
from members.models import Organisation, Province, Region
from members.unions import SAMPLE_FILE, import_unions

pytestmark = pytest.mark.django_db

SAVIO = ["040007", "040001", "040020", "040028", "040044", "040050"]


@pytest.fixture
def forli_cesena():
    region = Region.objects.create(istat_code="08", name="Emilia-Romagna", slug="emilia-romagna")
    province = Province.objects.create(
        istat_code="040", name="Forlì-Cesena", abbreviation="FC", region=region
    )
    for number, code in enumerate(SAVIO):
        Organisation.objects.create(
            kind=Organisation.Kind.MUNICIPALITY,
            name=f"Comune {number}",
            slug=f"comune-{number}",
            istat_code=code,
            region=region,
            province=province,
        )
    return province


def test_sample_file_adds_the_valle_del_savio_union_with_province_and_region(forli_cesena):
    out = io.StringIO()

    call_command("import_unions", str(SAMPLE_FILE), stdout=out)

    union = Organisation.objects.get(kind=Organisation.Kind.UNION)
    assert union.name == "Unione dei Comuni Valle del Savio"
    assert union.province == forli_cesena
    assert union.region == forli_cesena.region
    assert "1 added" in out.getvalue()
    assert [o.name for o in search_organisations("unione valle")] == [union.name]
    assert union in search_organisations("valle del savio")


def test_import_is_idempotent_and_updates_by_folded_name(forli_cesena):
    import_unions("denominazione;comuni\nUnione dei Comuni Valle del Savio;040007\n")
    slug = Organisation.objects.get(kind=Organisation.Kind.UNION).slug

    result = import_unions(
        "denominazione,sito\nUNIONE DEI COMUNI VALLE DEL SAVIO,https://unione.example.org\n"
    )

    union = Organisation.objects.get(kind=Organisation.Kind.UNION)
    assert (result.created, result.updated) == (0, 1)
    assert union.slug == slug
    assert union.website == "https://unione.example.org"
    assert (
        import_unions(
            "denominazione,sito\nUNIONE DEI COMUNI VALLE DEL SAVIO,https://unione.example.org\n"
        ).unchanged
        == 1
    )


def test_province_from_its_abbreviation_and_unknown_codes_reported(forli_cesena):
    result = import_unions(
        "denominazione;sigla_provincia;comuni\nUnione Rubicone e Mare;fc;999999\n"
    )

    union = Organisation.objects.get(name="Unione Rubicone e Mare")
    assert union.province == forli_cesena
    assert result.unknown_municipalities == ["999999"]


def test_a_file_without_a_name_column_is_refused(tmp_path):
    path = tmp_path / "unioni.csv"
    path.write_text("codice;comuni\n1;040007\n", encoding="utf-8")

    with pytest.raises(CommandError, match="denominazione"):
        call_command("import_unions", str(path), stdout=io.StringIO())
    assert not Organisation.objects.exists()
