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
