"""Key pages at desktop (1280 px) and phone (390 px) width, in Italian and English: axe-core
finds no serious or critical violation and nothing overflows the viewport sideways."""

import pytest

from tests.events.factories import make_offer, make_session
from tests.practices.factories import make_practice

WIDTHS = {"phone": 390, "desktop": 1280}
LANGUAGES = {"it": "it-IT", "en": "en-GB"}


def key_pages() -> list[str]:
    from core.demo import ensure_site_tree

    ensure_site_tree()
    practice = make_practice(title="Rete SpazioComune")
    offer = make_offer(title="Visita a Cesena")
    make_session(offer, days_ahead=12)
    return [
        "/",
        "/buone-pratiche/",
        practice.url,
        "/scambi/",
        offer.url,
        "/eventi/",
        "/search/?q=patti",
        "/accounts/login/",
        "/accounts/signup/",
    ]


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("width", WIDTHS)
def test_key_pages_are_accessible_and_fit(browser, live_server, language, width):
    paths = key_pages()
    context = browser.new_context(
        locale=LANGUAGES[language],
        base_url=live_server.url,
        viewport={"width": WIDTHS[width], "height": 900},
    )
    context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
    context.set_default_timeout(15_000)
    page = context.new_page()
    from tests.browser.conftest import axe_violations

    problems = {}
    try:
        for path in paths:
            page.goto(path)
            assert page.locator("html").get_attribute("lang") == language
            overflow = page.evaluate(
                "() => document.documentElement.scrollWidth - window.innerWidth"
            )
            violations = axe_violations(page)
            if overflow > 0 or violations:
                problems[path] = {"overflow_px": overflow, "axe": violations}
    finally:
        context.close()
    assert problems == {}
