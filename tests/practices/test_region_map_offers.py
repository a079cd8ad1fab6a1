"""The map counts exchange offers too (issue 20): exchange registers a map source that counts
published, public offers per region of their host organisation."""

import pytest
from wagtail.models import PageViewRestriction

from members.models import Region
from practices.map import region_map
from tests.events.factories import make_offer
from tests.factories import OrganisationFactory
from tests.practices.factories import make_practice

pytestmark = pytest.mark.django_db


def test_each_region_counts_its_published_offers_beside_its_practices(client, site_tree):
    lombardia = Region.objects.create(istat_code="03", name="Lombardia", slug="lombardia")
    make_practice(organisation=OrganisationFactory())  # Emilia-Romagna (the factory's)
    make_offer(OrganisationFactory(region=lombardia), title="Visita a Monza")
    make_offer(OrganisationFactory(region=lombardia), title="Seconda visita")
    draft = make_offer(OrganisationFactory(region=lombardia), title="Bozza")
    draft.unpublish()
    restricted = make_offer(OrganisationFactory(region=lombardia), title="Riservata")
    PageViewRestriction.objects.create(page=restricted, restriction_type="login")

    result = region_map()
    assert result.labels == ["Buone pratiche", "Scambi"]
    by_slug = {region.slug: region for region in result.regions}
    assert by_slug["emilia-romagna"].counts == [1, 0]
    assert by_slug["lombardia"].counts == [0, 2]
    assert result.total == 3

    html = client.get("/").content.decode()
    assert "<title>Lombardia: Buone pratiche 0, Scambi 2</title>" in html
    assert 'href="/search/?region=lombardia"' in html
