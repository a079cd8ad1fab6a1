"""A practice sheet printed from Chromium: no menu, search, forms or rating; the text stays."""

import pytest

from tests.practices.factories import make_practice


@pytest.mark.django_db(transaction=True)
def test_practice_sheet_prints_without_screen_only_parts(page):
    from core.demo import ensure_site_tree

    ensure_site_tree()
    practice = make_practice(title="Rete SpazioComune")

    page.goto(practice.url)
    page.emulate_media(media="print")

    assert page.locator("h1").first.is_visible()
    for selector in [
        "[data-testid=main-nav]",
        "#header-search-input",
        "#valutazione",
        ".it-footer-main",
    ]:
        assert not page.locator(selector).first.is_visible(), selector
    overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0
