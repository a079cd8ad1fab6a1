"""Numbers inside an SVG are never localised: every chart, rendered in Italian and in
English, has coordinates that parse as numbers (``x="87,9"`` draws nothing)."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from tests.communities.factories import make_community, make_meeting
from tests.practices.factories import SharedIndicatorFactory, add_indicator, make_practice


@pytest.fixture
def community(site_tree):
    return make_community()


GEOMETRY = re.compile(r'\s(x|y|x1|x2|y1|y2|width|height|viewBox)="([^"]*)"')


def svg_parts(html: str) -> list[str]:
    return re.findall(r"<svg\b.*?</svg>", html, flags=re.S)


def assert_numeric_geometry(html: str) -> int:
    """Every geometric attribute of every SVG parses as numbers; returns how many."""
    svgs = svg_parts(html)
    assert svgs, "no chart on the page"
    checked = 0
    for svg in svgs:
        for name, value in GEOMETRY.findall(svg):
            if name == "width" and value.endswith("%"):
                continue
            for number in value.split():
                float(number)  # raises on "87,9"
                checked += 1
    return checked


@pytest.fixture
def community_with_history(community):
    for days, people, organisations in ((-90, 34, 20), (-30, 41, 24), (-3, 7, 3)):
        make_meeting(
            community,
            days=days,
            participant_count=people,
            organisation_count=organisations,
        )
    return community


@pytest.mark.parametrize("language", ["it", "en"])
def test_participation_chart_coordinates_are_numbers(client, community_with_history, language):
    with translation.override(language):
        url = community_with_history.url
    response = client.get(url, HTTP_ACCEPT_LANGUAGE=language)
    html = response.content.decode()
    assert response.status_code == 200
    assert assert_numeric_geometry(html) > 20
    chart = next(svg for svg in svg_parts(html) if "chart-title" in svg)
    assert chart.count("<rect") == 6


@pytest.mark.parametrize("language", ["it", "en"])
def test_indicator_chart_coordinates_are_numbers(client, site_tree, language):
    practice = make_practice(title="Rete SpazioComune")
    add_indicator(practice, values=(("2023", 41000.5), ("2024", 52400)))
    response = client.get(practice.url, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    assert assert_numeric_geometry(response.content.decode()) > 10


@pytest.mark.parametrize("language", ["it", "en"])
def test_comparison_chart_coordinates_are_numbers(client, site_tree, language):
    shared = SharedIndicatorFactory(slug="volontari")
    for title, value in (("Rete SpazioComune", 41000.5), ("Patti in rete", 1234.25)):
        add_indicator(make_practice(title=title), values=(("2024", value),), shared=shared)
    with translation.override(language):
        url = reverse("indicator_comparison", kwargs={"slug": "volontari"})
    response = client.get(url, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    html = response.content.decode()
    chart = next(svg for svg in svg_parts(html) if "comparison-title" in svg)
    assert chart.count("<rect") == 2
    assert assert_numeric_geometry(chart) >= 9


def test_svg_number_is_plain():
    from core.svg import svg_number

    with translation.override("it"):
        assert svg_number(87.94) == "87.9"
        assert svg_number(210.0) == "210"
        assert svg_number(3) == "3"
        assert svg_number(-0.04) == "0"


def test_vertical_bar_stands_on_the_baseline_and_never_goes_below_it():
    from core.svg import vertical_bar

    bar = vertical_bar(left=10.25, width=20, value=30, scale_top=60, plot_top=15, plot_height=200)
    assert (bar.x, bar.y, bar.width, bar.height) == ("10.2", "115", "20", "100")
    negative = vertical_bar(left=0, width=5, value=-3, scale_top=10, plot_top=0, plot_height=100)
    assert (negative.y, negative.height) == ("100", "0")
    assert (
        vertical_bar(left=0, width=5, value=3, scale_top=0, plot_top=0, plot_height=80).height
        == "0"
    )
