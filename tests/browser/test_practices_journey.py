"""A visitor finds Monza's practice by filtering "co-design with third sector", sees its
indicator as a key figure, compares it with the other practices reporting the same shared
indicator, goes to a region of the map and its results, and downloads the network protocol
from the toolbox. Every page on the way passes axe-core."""

from io import StringIO

import pytest


def tick(page, label: str) -> None:
    """Bootstrap Italia draws the checkbox on its label: click the label, as people do."""
    page.locator(".index-filters label", has_text=label).first.click()


@pytest.fixture
def demo_content(transactional_db):
    from core.demo import ensure_site_tree
    from practices import demo

    ensure_site_tree()
    demo.load(StringIO())


@pytest.mark.django_db(transaction=True)
def test_visitor_finds_a_practice_and_downloads_a_tool(page, demo_content, assert_accessible):
    page.goto("/")
    assert_accessible(page)  # the home page shows the practice cards
    page.get_by_role("link", name="Tutte le pratiche").click()
    page.wait_for_url("**/buone-pratiche/")
    assert_accessible(page)
    assert page.locator("#result-count").inner_text().startswith("4 risultati")

    tick(page, "Co-progettazione con il terzo settore")
    # With JavaScript htmx applies the filter on change (and pushes the URL); the button
    # submits the same GET form, a real navigation, once the swap is done.
    page.locator("#result-count", has_text="1 risultato").wait_for()
    with page.expect_navigation(wait_until="load"):
        page.get_by_role("button", name="Applica i filtri").click()
    page.wait_for_url("**/buone-pratiche/?theme=co-progettazione-terzo-settore*")
    assert page.locator("#result-count").inner_text().startswith("1 risultato")
    assert_accessible(page)

    page.get_by_role("link", name="Co-progettazione con 13 enti del terzo settore").click()
    page.wait_for_url("**/co-progettazione-san-rocco-monza/")
    assert_accessible(page)
    # One value is a key figure, not a one-bar chart.
    figure = page.locator('section.indicator[data-kind="figure"]').first
    assert "13" in figure.inner_text()
    # The set of indicators it uses is in the toolbox.
    assert page.get_by_role("link", name="Set di indicatori di impatto sociale (San Rocco)").count()

    # Its indicator is a shared one: the comparison lists every practice reporting it.
    page.get_by_role("link", name="Confronta «Associazioni ed enti del terzo settore").click()
    page.wait_for_url("**/indicatori/associazioni-coinvolte/")
    assert_accessible(page)
    table = page.get_by_test_id("comparison-table").inner_text()
    for name in ("Comune di Cesena", "Comune di Monza", "Comune di Reggio nell'Emilia"):
        assert name in table
    assert page.get_by_role("img", name="Associazioni ed enti del terzo settore coinvolti").count()
    page.get_by_label("Regione").select_option(label="Lombardia")
    page.get_by_role("button", name="Applica i filtri").click()
    page.wait_for_url("**/indicatori/associazioni-coinvolte/?region=lombardia*")
    table = page.get_by_test_id("comparison-table").inner_text()
    assert "Comune di Monza" in table and "Comune di Cesena" not in table

    # The map on the practices index: a region leads to its results.
    page.goto("/buone-pratiche/")
    page.get_by_test_id("region-map").get_by_role("link", name="Lombardia").first.click()
    page.wait_for_url("**/search/?region=lombardia")
    assert_accessible(page)
    assert page.get_by_role("link", name="Co-progettazione con 13 enti del terzo settore").count()

    page.goto("/strumenti/")
    assert_accessible(page)
    tick(page, "Protocollo di rete")
    page.get_by_role("button", name="Applica i filtri").click()
    page.wait_for_url("**/strumenti/?instrument=protocollo-di-rete*")
    page.get_by_role("link", name="Protocollo di rete SpazioComune").click()
    assert_accessible(page)
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Protocollo di rete (PDF)").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".pdf")
    with open(download.path(), "rb") as downloaded:
        assert downloaded.read(5) == b"%PDF-"


@pytest.mark.django_db(transaction=True)
def test_filters_work_without_javascript(browser, live_server, demo_content):
    context = browser.new_context(
        java_script_enabled=False, base_url=live_server.url, locale="it-IT"
    )
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.goto("/buone-pratiche/")
    tick(page, "Quartieri")
    page.get_by_role("button", name="Applica i filtri").click()
    assert page.locator("#result-count").inner_text().startswith("1 risultato")
    assert "QUA" in page.locator("#index-results").inner_text()
    context.close()
