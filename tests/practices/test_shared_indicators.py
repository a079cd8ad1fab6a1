"""The shared indicator catalogue, the pictures that fit the data and the comparison page."""

from decimal import Decimal

import pytest
from django.urls import reverse

from core.charts import indicator_chart, per_thousand
from members.models import Region, SizeClass
from practices.models import Indicator
from tests.factories import OrganisationFactory
from tests.practices.factories import SharedIndicatorFactory, add_indicator, make_practice

pytestmark = pytest.mark.django_db


def _org(name, slug, population, region=None):
    return OrganisationFactory(
        name=name, slug=slug, population=population, **({"region": region} if region else {})
    )


def test_a_shared_indicator_takes_name_unit_and_direction_from_the_catalogue(site_tree):
    shared = SharedIndicatorFactory(name="Volontari attivi", unit="persone", direction="lower")
    indicator = add_indicator(make_practice(), name="altro", unit="x", shared=shared)
    indicator.refresh_from_db()
    assert (indicator.name, indicator.unit, indicator.direction) == (
        "Volontari attivi",
        "persone",
        "lower",
    )
    assert indicator.is_comparable
    own = add_indicator(make_practice(), name="Presenze")
    assert not own.is_comparable


def test_one_value_is_a_key_figure_and_two_periods_a_chart(site_tree):
    practice = make_practice()
    one = indicator_chart(add_indicator(practice, name="Spazi", values=(("2024", 11),)))
    assert one.kind == "figure" and not one.bars
    assert "11" in one.figure and one.direction_label in one.description
    two = indicator_chart(add_indicator(practice, name="Presenze"))
    assert two.kind == "chart" and len(two.bars) == 2
    empty = indicator_chart(add_indicator(practice, name="Nulla", values=()))
    assert empty.kind == "empty"


def test_the_practice_page_draws_a_figure_not_a_one_bar_chart_and_links_the_comparison(
    client, site_tree
):
    shared = SharedIndicatorFactory(slug="volontari")
    practice = make_practice()
    add_indicator(practice, values=(("2024", 52400),), shared=shared)
    add_indicator(practice, name="Mie", values=(("2024", 3),))
    html = client.get(practice.url).content.decode()
    assert 'data-kind="figure"' in html
    assert '<svg class="indicator-chart"' not in html
    assert reverse("indicator_comparison", kwargs={"slug": "volontari"}) in html
    assert "not comparable" in html or "non confrontabile" in html


def test_per_thousand_inhabitants():
    assert per_thousand(Decimal("50"), 100_000) == Decimal("0.50")
    assert per_thousand(Decimal("50"), None) is None


def test_size_classes():
    assert SizeClass.of(4_999) == SizeClass.SMALL
    assert SizeClass.of(95_778) == SizeClass.LARGE
    assert SizeClass.of(None) is None


def test_the_comparison_lists_every_practice_raw_and_per_inhabitant(client, site_tree):
    shared = SharedIndicatorFactory(slug="volontari")
    lombardia = Region.objects.create(istat_code="03", name="Lombardia", slug="lombardia")
    cesena = _org("Comune di Cesena", "cesena", 95_778)
    monza = _org("Comune di Monza", "monza", 121_799, lombardia)
    borgo = _org("Comune di Borgo", "borgo", 3_000)
    add_indicator(make_practice(organisation=cesena), shared=shared, values=(("2024", 400),))
    add_indicator(
        make_practice(organisation=monza), shared=shared, values=(("2023", 100), ("2024", 250))
    )
    add_indicator(make_practice(organisation=borgo), shared=shared, values=())
    unpublished = make_practice(organisation=borgo, publish=False)
    Indicator.objects.create(practice=unpublished, shared=shared)
    url = reverse("indicator_comparison", kwargs={"slug": "volontari"})

    response = client.get(url)
    assert response.status_code == 200
    rows = response.context["rows"]
    assert [row.organisation for row in rows] == [cesena, monza]
    assert rows[1].value == Decimal("250") and rows[1].period_label == "2024"
    assert rows[0].per_1000 == Decimal("4.18")
    html = response.content.decode()
    assert "comparison-chart" in html and 'data-testid="comparison-table"' in html

    only_lombardia = client.get(url, {"region": "lombardia"}).context["rows"]
    assert [row.organisation for row in only_lombardia] == [monza]
    large = client.get(url, {"size": SizeClass.LARGE.value}).context["rows"]
    assert {row.organisation for row in large} == {cesena, monza}
    small = client.get(url, {"size": SizeClass.SMALL.value}).context["rows"]
    assert small == []


def test_unknown_filters_are_dropped_with_a_notice(client, site_tree):
    SharedIndicatorFactory(slug="volontari")
    url = reverse("indicator_comparison", kwargs={"slug": "volontari"})
    response = client.get(url, {"region": "atlantide", "size": "huge", "per": "1000"})
    assert response.status_code == 200
    assert len(response.context["filters"].notices) == 2
    assert client.get(reverse("indicator_comparison", kwargs={"slug": "nope"})).status_code == 404


def test_the_catalogue_lists_the_shared_indicators(client, site_tree):
    shared = SharedIndicatorFactory(name="Volontari attivi", slug="volontari")
    add_indicator(make_practice(), shared=shared)
    response = client.get(reverse("shared_indicators"))
    assert response.status_code == 200
    assert "Volontari attivi" in response.content.decode()
    assert response.context["indicators"][0].practices == 1


def test_practices_behind_a_view_restriction_are_not_compared(client, site_tree):
    from wagtail.models import PageViewRestriction

    from practices.models import PracticeIndexPage

    shared = SharedIndicatorFactory(slug="volontari")
    hidden = make_practice(organisation=_org("Comune di Riservato", "riservato", 10_000))
    add_indicator(hidden, shared=shared)
    shown = make_practice(organisation=_org("Comune di Aperto", "aperto", 10_000))
    add_indicator(shown, shared=shared)
    url = reverse("indicator_comparison", kwargs={"slug": "volontari"})
    PageViewRestriction.objects.create(page=hidden, restriction_type="login")
    assert [row.practice.pk for row in client.get(url).context["rows"]] == [shown.pk]
    # A restriction on the index covers every sheet under it.
    PageViewRestriction.objects.create(
        page=PracticeIndexPage.objects.get(), restriction_type="login"
    )
    assert client.get(url).context["rows"] == []
