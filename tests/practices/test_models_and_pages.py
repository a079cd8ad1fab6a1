"""Practice and tool pages render their facts, indicators, adoptions and lineage."""

import pytest
from django.core.exceptions import ValidationError

from practices.models import PracticePage
from practices.services import record_adoption
from tests.factories import OrganisationFactory
from tests.practices.factories import (
    InstrumentFactory,
    ThemeFactory,
    add_indicator,
    make_practice,
    make_tool,
)

pytestmark = pytest.mark.django_db


def test_practice_page_shows_facts_indicators_and_adoptions(client, site_tree):
    theme = ThemeFactory(name_it="Beni comuni", slug="beni-comuni")
    practice = make_practice(title="Rete SpazioComune", themes=[theme], legal_basis="art. 55")
    add_indicator(practice, values=(("2023", 41000), ("2024", 52400)))
    record_adoption(
        practice, OrganisationFactory(name="Comune di Forlì"), year=2025, note="Due spazi"
    )
    html = client.get(practice.url).content.decode()
    assert "Rete SpazioComune" in html
    assert "Beni comuni" in html and "art. 55" in html
    assert 'role="img"' in html and "<title id=" in html and "<desc id=" in html
    assert "52.400 persone" in html  # Italian number format in table and chart
    assert "<table" in html
    assert "Comune di Forlì" in html and "Due spazi" in html


def test_practice_period_rules():
    page = PracticePage(title="x", summary="y", start_year=2020, status="concluded")
    with pytest.raises(ValidationError):
        page.clean()
    page = PracticePage(title="x", summary="y", start_year=2020, status="concluded", end_year=2019)
    with pytest.raises(ValidationError):
        page.clean()


def test_tool_page_shows_files_lineage_and_practices(client, site_tree):
    instrument = InstrumentFactory(name_it="Protocollo di rete", slug="protocollo-di-rete")
    original = make_tool(title="Protocollo di rete di Cesena", instrument=instrument)
    adapted = make_tool(title="Protocollo adattato", instrument=instrument, adapted_from=original)
    practice = make_practice(title="Rete SpazioComune")
    practice.tools.add(original)
    practice.save_revision().publish()
    html = client.get(original.url).content.decode()
    assert "Protocollo adattato" in html  # lineage shown forwards
    assert "Rete SpazioComune" in html  # practices that use it
    assert ".pdf" in html
    html = client.get(adapted.url).content.decode()
    assert "Protocollo di rete di Cesena" in html  # and backwards


def test_script_in_rich_text_is_not_rendered(client, site_tree):
    tool = make_tool(description='<p>Testo</p><script>alert("x")</script>')
    html = client.get(tool.url).content.decode()
    assert 'alert("x")' not in html


PRACTICE_PAGE_QUERIES = 22
TOOL_PAGE_QUERIES = 18


def test_practice_page_query_count_is_constant(client, site_tree):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    practice = make_practice(themes=[ThemeFactory()], instruments=[InstrumentFactory()])
    add_indicator(practice)
    record_adoption(practice, OrganisationFactory(), year=2024)
    client.get(practice.url)
    with CaptureQueriesContext(connection) as few:
        assert client.get(practice.url).status_code == 200
    for number in range(5):
        add_indicator(
            practice, name=f"Indicatore {number}", values=[("2022", 1), ("2023", 2), ("2024", 3)]
        )
        record_adoption(practice, OrganisationFactory(), year=2025)
    practice.themes.add(ThemeFactory(), ThemeFactory())
    practice.partners.add(*OrganisationFactory.create_batch(3))
    practice.tools.add(make_tool(), make_tool())
    client.get(practice.url)  # the new tool pages invalidated the cached menu: warm it again
    with CaptureQueriesContext(connection) as many:
        html = client.get(practice.url).content.decode()
    assert html.count('role="img"') == 6
    assert len(many) == len(few) <= PRACTICE_PAGE_QUERIES


def test_tool_page_query_count_is_constant(client, site_tree):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    tool = make_tool()
    client.get(tool.url)
    with CaptureQueriesContext(connection) as few:
        assert client.get(tool.url).status_code == 200
    for _number in range(4):
        make_tool(adapted_from=tool)
        make_practice().tools.add(tool)
    client.get(tool.url)  # new pages invalidated the cached menu: warm it again
    with CaptureQueriesContext(connection) as many:
        assert client.get(tool.url).status_code == 200
    assert len(many) == len(few) <= TOOL_PAGE_QUERIES
