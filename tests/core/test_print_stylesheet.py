"""Practice sheets, offers and minutes print as documents: every page links the print
stylesheet for print media, and the stylesheet hides what is for the screen only."""

import pytest
from django.contrib.staticfiles import finders

from tests.events.factories import make_offer, make_session
from tests.practices.factories import make_practice

PRINT_LINK = 'href="/static/css/print.css" media="print"'


@pytest.mark.django_db
def test_practice_sheet_and_offer_link_the_print_stylesheet(client, site_tree):
    practice = make_practice(title="Rete SpazioComune")
    offer = make_offer(title="Visita a Cesena")
    make_session(offer, days_ahead=12)

    for url in (practice.url, offer.url):
        html = client.get(url).content.decode()
        assert PRINT_LINK in html, url


def test_print_stylesheet_hides_screen_only_parts():
    path = finders.find("css/print.css")
    assert path is not None
    css = open(path, encoding="utf-8").read()
    hidden = css[: css.index("display: none !important")]
    for selector in [".it-header-navbar-wrapper", ".page-rating", ".it-footer-main", "form"]:
        assert selector in hidden, selector
    assert "@page" in css
