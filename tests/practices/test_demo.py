"""The demo content: practices from the seeds, indicators, toolbox files that download."""

from io import StringIO

import pytest

from core.demo import ensure_site_tree
from members.models import Organisation
from practices import demo
from practices.models import Indicator, PracticePage, ToolPage

pytestmark = pytest.mark.django_db


def test_demo_is_idempotent_and_complete(client):
    ensure_site_tree()
    demo.load(StringIO())
    demo.load(StringIO())
    assert PracticePage.objects.live().count() == 4
    assert ToolPage.objects.live().count() == 7
    assert Organisation.objects.get(istat_code="040007").name == "Comune di Cesena"
    spazio = PracticePage.objects.get(slug="rete-spaziocomune-cesena")
    presences = Indicator.objects.get(practice=spazio, name="Presenze negli spazi")
    assert presences.values.get().value == 52400
    html = client.get("/buone-pratiche/?theme=co-progettazione-terzo-settore").content.decode()
    assert "San Rocco" in html and "SpazioComune" not in html
    protocol = ToolPage.objects.get(slug="protocollo-di-rete-spaziocomune")
    document = protocol.files.get().document
    response = client.get(document.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_demo_reuses_organisations_of_the_register():
    ensure_site_tree()
    from tests.factories import OrganisationFactory

    monza = OrganisationFactory(name="Monza", slug="monza-istat", istat_code="108033")
    demo.load(StringIO())
    assert PracticePage.objects.get(slug="co-progettazione-san-rocco-monza").organisation == monza


def test_the_demo_compares_a_shared_indicator_and_shows_a_transfer(client):
    from practices.models import Adoption

    ensure_site_tree()
    demo.load(StringIO())
    demo.load(StringIO())
    response = client.get("/indicatori/associazioni-coinvolte/")
    rows = response.context["rows"]
    practices = {row.practice.slug for row in rows if not row.is_transfer}
    assert practices == {
        "rete-spaziocomune-cesena",
        "co-progettazione-san-rocco-monza",
        "qua-quartiere-bene-comune-reggio-emilia",
    }
    assert all(row.per_1000 is not None for row in rows)  # ISTAT population, offline
    transfer = Adoption.objects.get()
    assert transfer.stage == Adoption.Stage.RESULTS
    assert "illustrativo" in transfer.note
    assert any(row.is_transfer for row in rows)
    html = client.get(transfer.practice.url).content.decode()
    assert "Comune di Chieri" in html and 'data-stage="results"' in html
    # Monza's sheet no longer shows an indicator without values.
    san_rocco = PracticePage.objects.get(slug="co-progettazione-san-rocco-monza")
    assert all(indicator.values.exists() for indicator in san_rocco.indicators.all())
