"""The organisation picker folds accents and case, and ranks names that start with the
query before names that merely contain it."""

import pytest

from members.forms import search_organisations
from members.models import Organisation
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def register():
    for name, kind in [
        ("Comune di Leinì", Organisation.Kind.MUNICIPALITY),
        ("Comune di Forlì", Organisation.Kind.MUNICIPALITY),
        ("Città metropolitana di Torino", Organisation.Kind.METROPOLITAN_CITY),
        ("Comune di Cesena", Organisation.Kind.MUNICIPALITY),
        ("Unione Valle del Savio", Organisation.Kind.UNION),
    ]:
        OrganisationFactory(name=name, kind=kind)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Leini", "Comune di Leinì"),
        ("leinì", "Comune di Leinì"),
        ("Forli", "Comune di Forlì"),
        ("FORLÌ", "Comune di Forlì"),
        ("citta metropolitana", "Città metropolitana di Torino"),
        ("CITTÀ Torino", "Città metropolitana di Torino"),
    ],
)
def test_accents_and_case_are_folded(register, query, expected):
    assert [o.name for o in search_organisations(query)] == [expected]


def test_prefix_matches_come_first(register):
    OrganisationFactory(name="Savignano sul Rubicone")
    names = [o.name for o in search_organisations("sav")]
    assert names == ["Savignano sul Rubicone", "Unione Valle del Savio"]


def test_directory_folds_too(client, register):
    html = client.get("/enti/", {"q": "forli"}).content.decode()
    assert "Comune di Forlì" in html and "Comune di Cesena" not in html


def test_renaming_updates_the_folded_name(register):
    organisation = Organisation.objects.get(name="Comune di Cesena")
    organisation.name = "Comune di Cesenàtico"
    organisation.save()
    assert [o.name for o in search_organisations("cesenatico")] == ["Comune di Cesenàtico"]
