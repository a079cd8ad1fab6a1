"""record_adoption: the "adopted by" list, fed by editors and by exchange follow-ups."""

import pytest

from practices.models import Adoption
from practices.services import record_adoption
from tests.factories import OrganisationFactory
from tests.practices.factories import make_practice

pytestmark = pytest.mark.django_db


def test_record_adoption_is_idempotent_per_practice_and_organisation(site_tree, member):
    practice = make_practice()
    forli = OrganisationFactory(name="Comune di Forlì")
    first = record_adoption(practice, forli, year=2025, reported_by=member)
    again = record_adoption(practice, forli, year=2026, note="Con due associazioni")
    assert again.pk == first.pk
    assert Adoption.objects.count() == 1
    again.refresh_from_db()
    assert again.year == 2025  # the first report stands
    assert again.note == "Con due associazioni"  # an empty note is filled in
    assert again.source == Adoption.Source.EXCHANGE
    assert again.reported_by == member


def test_adoption_by_an_editor_is_marked_as_such(site_tree):
    adoption = record_adoption(make_practice(), OrganisationFactory(), year=2024)
    assert adoption.source == Adoption.Source.EDITOR
    assert adoption.reported_by is None


def test_each_organisation_is_listed_once(site_tree):
    practice = make_practice()
    for organisation in OrganisationFactory.create_batch(3):
        record_adoption(practice, organisation, year=2024, note="x" * 900)
    assert practice.adoptions.count() == 3
    assert {len(a.note) for a in practice.adoptions.all()} == {500}
