"""The organisation page lists its members a page at a time (1,000 members stay one page)."""

import pytest

from members.models import Membership
from members.views import MEMBERS_PER_PAGE
from tests.events.factories import MembershipFactory
from tests.factories import OrganisationFactory, UserFactory


@pytest.mark.django_db
def test_members_are_paginated_in_name_order(client, site_tree):
    organisation = OrganisationFactory(slug="comune-affollato")
    for number in range(MEMBERS_PER_PAGE + 3):
        MembershipFactory(
            organisation=organisation,
            user=UserFactory(full_name=f"Persona {number:03d}", visible_in_directory=True),
            status=Membership.Status.CONFIRMED,
        )
    first = client.get(f"/enti/{organisation.slug}/").content.decode()
    assert first.count("Persona ") == MEMBERS_PER_PAGE
    assert "Persona 000" in first
    assert "page=2" in first
    second = client.get(f"/enti/{organisation.slug}/", {"page": 2}).content.decode()
    assert second.count("Persona ") == 3
    assert "Persona 052" in second
    assert client.get(f"/enti/{organisation.slug}/", {"page": 3}).status_code == 404
