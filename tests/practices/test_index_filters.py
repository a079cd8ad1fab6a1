"""The practice and toolbox indexes filter by theme, instrument, region and kind, with a
result count, bookmarkable URLs and a constant number of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from members.models import Organisation, Region
from tests.factories import OrganisationFactory
from tests.practices.factories import InstrumentFactory, ThemeFactory, make_practice, make_tool

pytestmark = pytest.mark.django_db
# +2 since the map of regions (the regions, the practices per region).
PRACTICE_INDEX_QUERIES = 11
TOOLBOX_INDEX_QUERIES = 16


@pytest.fixture
def catalogue(site_tree):
    codesign = ThemeFactory(
        name_it="Co-progettazione con il terzo settore", slug="co-progettazione"
    )
    commons = ThemeFactory(name_it="Cura dei beni comuni", slug="beni-comuni")
    pact = InstrumentFactory(name_it="Patto di collaborazione", slug="patto")
    notice = InstrumentFactory(name_it="Avviso pubblico", slug="avviso")
    lombardy = Region.objects.create(istat_code="03", name="Lombardia", slug="lombardia")
    monza = OrganisationFactory(name="Comune di Monza", slug="monza", region=lombardy)
    cesena = OrganisationFactory(name="Comune di Cesena", slug="cesena")
    union = OrganisationFactory(
        name="Unione Valle del Savio", slug="unione", kind=Organisation.Kind.UNION
    )
    make_practice(
        title="Co-progettazione San Rocco",
        themes=[codesign],
        instruments=[notice],
        organisation=monza,
    )
    make_practice(
        title="Rete SpazioComune", themes=[commons], instruments=[notice, pact], organisation=cesena
    )
    make_practice(
        title="Patti nella Valle",
        themes=[commons, codesign],
        instruments=[pact],
        organisation=union,
    )
    make_practice(title="Bozza", themes=[codesign], organisation=monza, publish=False)
    return {"monza": monza}


def titles(response) -> list[str]:
    html = response.content.decode()
    return [
        t
        for t in ("Co-progettazione San Rocco", "Rete SpazioComune", "Patti nella Valle", "Bozza")
        if t in html
    ]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", ["Co-progettazione San Rocco", "Rete SpazioComune", "Patti nella Valle"]),
        ("theme=co-progettazione", ["Co-progettazione San Rocco", "Patti nella Valle"]),
        (
            "theme=co-progettazione&theme=beni-comuni",
            ["Co-progettazione San Rocco", "Rete SpazioComune", "Patti nella Valle"],
        ),
        ("theme=co-progettazione&instrument=avviso", ["Co-progettazione San Rocco"]),
        ("region=lombardia", ["Co-progettazione San Rocco"]),
        ("region=emilia-romagna&kind=union", ["Patti nella Valle"]),
        ("kind=municipality&instrument=patto", ["Rete SpazioComune"]),
        ("kind=region", []),
    ],
)
def test_practice_filters_combine(client, catalogue, query, expected):
    response = client.get(f"/buone-pratiche/?{query}")
    assert response.status_code == 200
    assert titles(response) == expected
    assert f"{len(expected)} risultat" in response.content.decode()


@pytest.mark.parametrize(
    "query",
    ["theme=nope", "region=%00", "kind=x" * 3, "instrument=" + "a" * 5000, "theme=<script>"],
)
def test_unknown_filter_values_are_ignored_with_a_notice(client, catalogue, query):
    response = client.get(f"/buone-pratiche/?{query}")
    assert response.status_code == 200
    html = response.content.decode()
    assert "non sono stati riconosciuti" in html
    assert "<script>" not in html.split("alert-warning")[1][:300]


@pytest.mark.parametrize(
    ("query", "status"), [("page=abc", 400), ("page=9", 404), ("format=xml", 400)]
)
def test_bad_page_or_format(client, catalogue, query, status):
    assert client.get(f"/buone-pratiche/?{query}").status_code == status


def test_filtered_pages_keep_the_filters_in_pagination_links(client, catalogue, monkeypatch):
    from practices.models import PracticeIndexPage

    monkeypatch.setattr(PracticeIndexPage, "items_per_page", 1)
    html = client.get("/buone-pratiche/?theme=co-progettazione").content.decode()
    assert "?theme=co-progettazione&amp;page=2" in html


def test_practice_index_query_count_is_constant(client, catalogue):
    url = "/buone-pratiche/?theme=co-progettazione&region=lombardia"
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        assert client.get("/buone-pratiche/").status_code == 200
    with CaptureQueriesContext(connection) as few_filtered:
        client.get(url)
    theme = ThemeFactory(slug="co-progettazione")
    for number in range(8):
        make_practice(
            title=f"Altra {number}", themes=[theme, ThemeFactory()], organisation=catalogue["monza"]
        )
    # The new pages dropped the cached menu, Site, breadcrumbs, map and filter choices: warm
    # them again.
    client.get("/buone-pratiche/")
    with CaptureQueriesContext(connection) as many:
        assert client.get("/buone-pratiche/").status_code == 200
    with CaptureQueriesContext(connection) as many_filtered:
        client.get(url)
    assert len(many) == len(few) <= PRACTICE_INDEX_QUERIES
    assert len(many_filtered) == len(few_filtered) <= PRACTICE_INDEX_QUERIES


def test_toolbox_filters_by_instrument_and_region(client, catalogue):
    protocol = InstrumentFactory(name_it="Protocollo di rete", slug="protocollo")
    make_tool(title="Protocollo della Rete", instrument=protocol)
    make_tool(
        title="Avviso tipo",
        instrument=InstrumentFactory(slug="avviso"),
        organisation=catalogue["monza"],
    )
    html = client.get("/strumenti/?instrument=protocollo").content.decode()
    assert "Protocollo della Rete" in html and "Avviso tipo" not in html
    html = client.get("/strumenti/?region=lombardia").content.decode()
    assert "Protocollo della Rete" not in html and "Avviso tipo" in html


def test_toolbox_query_count_is_constant(client, catalogue):
    make_tool(title="Uno")
    client.get("/strumenti/")  # each publish drops the cached menu and filters: warm them
    with CaptureQueriesContext(connection) as few:
        client.get("/strumenti/")
    for number in range(6):
        make_tool(title=f"Altro {number}")
    client.get("/strumenti/")
    with CaptureQueriesContext(connection) as many:
        client.get("/strumenti/")
    assert len(many) == len(few) <= PRACTICE_INDEX_QUERIES
