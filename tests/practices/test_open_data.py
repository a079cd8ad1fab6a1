"""Open data: CSV and JSON downloads of the indexes (same filters) and Wagtail's API v2."""

import csv
import io
import json

import pytest

from tests.factories import OrganisationFactory
from tests.practices.factories import (
    InstrumentFactory,
    ThemeFactory,
    add_indicator,
    make_practice,
    make_tool,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def practices(site_tree):
    theme = ThemeFactory(slug="co-progettazione")
    monza = OrganisationFactory(name="Comune di Monza", slug="monza", istat_code="108033")
    san_rocco = make_practice(
        title="San Rocco", themes=[theme], organisation=monza, legal_basis="art. 55"
    )
    add_indicator(san_rocco)
    make_practice(title='=HYPERLINK("x")')
    return san_rocco


def test_csv_download_honours_the_filters(client, practices):
    response = client.get("/buone-pratiche/?theme=co-progettazione&format=csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert [row["title"] for row in rows] == ["San Rocco"]
    assert rows[0]["organisation_istat_code"] == "108033"
    assert rows[0]["themes"] == "co-progettazione"


def test_csv_cells_cannot_become_formulas(client, practices):
    response = client.get("/buone-pratiche/?format=csv")
    content = b"".join(response.streaming_content).decode()
    assert "'=HYPERLINK" in content


def test_json_download(client, practices):
    response = client.get("/buone-pratiche/?format=json&theme=co-progettazione")
    data = json.loads(response.content)
    assert data["count"] == 1
    assert data["results"][0]["legal_basis"] == "art. 55"


def test_toolbox_json_download(client, site_tree):
    make_tool(title="Protocollo", instrument=InstrumentFactory(slug="protocollo-di-rete"))
    data = json.loads(client.get("/strumenti/?format=json").content)
    assert data["results"][0]["instrument"] == "protocollo-di-rete"
    assert data["results"][0]["files"][0].endswith(".pdf")


def test_api_v2_lists_practices_with_indicators(client, practices):
    response = client.get("/api/v2/pages/", {"type": "practices.PracticePage", "fields": "*"})
    assert response.status_code == 200
    items = {item["title"]: item for item in response.json()["items"]}
    san_rocco = items["San Rocco"]
    assert san_rocco["organisation"] == "Comune di Monza"
    assert san_rocco["themes"] == ["co-progettazione"]
    assert san_rocco["indicators"][0]["values"][1]["period_label"] == "2024"


def test_api_v2_lists_tools(client, site_tree):
    make_tool(title="Protocollo")
    response = client.get("/api/v2/pages/", {"type": "practices.ToolPage", "fields": "*"})
    assert response.status_code == 200
    assert response.json()["items"][0]["files"][0]["document_url"].endswith(".pdf")


def test_api_v2_bad_input_is_a_400(client, site_tree):
    assert client.get("/api/v2/pages/", {"type": "nope.Nope"}).status_code == 400
    assert client.get("/api/v2/pages/", {"limit": "abc"}).status_code == 400


def test_api_v2_serialises_the_demo_sheets(client, site_tree):
    from io import StringIO

    from practices import demo

    demo.load(StringIO())
    response = client.get("/api/v2/pages/", {"type": "practices.PracticePage", "fields": "*"})
    assert response.status_code == 200
    assert response.json()["meta"]["total_count"] == 4
    body_types = {b["type"] for item in response.json()["items"] for b in item["body"]}
    assert {"text", "key_figures", "programme", "quote"} <= body_types
