"""The map of regions: offline outlines, counts per region, links to the filtered search."""

import pytest

from members.models import Region
from practices.map import outlines, region_map
from tests.factories import OrganisationFactory
from tests.practices.factories import make_practice

pytestmark = pytest.mark.django_db


def test_the_offline_outlines_cover_the_twenty_regions_with_their_licence():
    data = outlines()
    assert len(data["regions"]) == 20
    assert {r["istat_code"] for r in data["regions"]} == {f"{n:02d}" for n in range(1, 21)}
    assert "CC BY 4.0" in data["licence"]


def test_regions_are_coloured_by_their_practices_and_link_to_the_search(client, site_tree):
    lombardia = Region.objects.create(istat_code="03", name="Lombardia", slug="lombardia")
    make_practice(organisation=OrganisationFactory())  # Emilia-Romagna (the factory's)
    make_practice(organisation=OrganisationFactory())
    make_practice(organisation=OrganisationFactory(region=lombardia))
    make_practice(organisation=OrganisationFactory(region=lombardia), publish=False)
    result = region_map()
    by_slug = {region.slug: region for region in result.regions}
    assert by_slug["emilia-romagna"].total == 2 and by_slug["lombardia"].total == 1
    assert result.total == 3
    assert by_slug["emilia-romagna"].colour != by_slug["lombardia"].colour
    assert by_slug["lombardia"].url == "/search/?region=lombardia"

    for url in ("/", "/buone-pratiche/"):
        html = client.get(url).content.decode()
        assert 'data-testid="region-map"' in html, url
        assert 'href="/search/?region=lombardia"' in html
        assert "CC BY 4.0" in html
