"""Search journey: narrow by region and theme, page through results, remove a filter; axe."""

import pytest

from search.bench import documents
from search.documents import DocumentData
from search.engines import get_engine


def index_documents():
    from core.demo import ensure_site_tree

    ensure_site_tree()
    docs: list[DocumentData] = []
    for number, doc in enumerate(documents(120, seed=11)):
        doc.body += " patti collaborazione scuola"
        if number < 45:
            doc.facets["region"] = [("piemonte", "Piemonte")]
            doc.facets["theme"] = [("scuole", "Scuole")]
        elif doc.facets["region"][0][0] == "piemonte":
            doc.facets["region"] = [("lazio", "Lazio")]
        docs.append(doc)
    get_engine().upsert(docs)


@pytest.mark.django_db(transaction=True)
def test_narrow_by_region_and_theme_and_page_through(page, assert_accessible):
    index_documents()
    page.goto("/search/?q=patti+collaborazione+scuola")
    count = page.locator("#search-count")
    assert "120 risultati" in count.inner_text()
    assert_accessible(page)

    page.locator("#facet-region label", has_text="Piemonte").click()
    page.wait_for_url("**region=piemonte**")
    assert "45 risultati" in page.locator("#search-count").inner_text()

    page.locator("#facet-theme label", has_text="Scuole").click()
    page.wait_for_url("**theme=scuole**")
    assert "45 risultati" in page.locator("#search-count").inner_text()
    assert page.locator("#search-results article").count() == 20
    assert_accessible(page)

    page.get_by_role("link", name="Pagina successiva").click()
    page.wait_for_url("**page=2**")
    assert "Pagina 2 di 3" in page.locator(".pagination").inner_text()
    assert "region=piemonte" in page.url and "theme=scuole" in page.url
    page.get_by_role("link", name="Pagina successiva").click()
    page.wait_for_url("**page=3**")
    assert page.locator("#search-results article").count() == 5

    # Removing the region filter with its chip widens the results again.
    page.locator("a.chip", has_text="Piemonte").click()
    page.wait_for_load_state()
    assert "region=piemonte" not in page.url
    assert "theme=scuole" in page.url


@pytest.mark.django_db(transaction=True)
def test_search_works_without_javascript(browser, live_server):
    index_documents()
    context = browser.new_context(
        java_script_enabled=False, locale="it-IT", base_url=live_server.url
    )
    page = context.new_page()
    page.goto("/search/?q=patti")
    page.locator("#facet-region label", has_text="Piemonte").click()
    page.get_by_role("button", name="Applica i filtri").click()
    page.wait_for_url("**region=piemonte**")
    assert "45 risultati" in page.locator("#search-count").inner_text()
    context.close()
