"""The search service on the database engine: Italian matching, facets, sorting, pages."""

import pytest

from search.services import SearchError, search
from tests.search.factories import document, index


def titles(results):
    return {hit.title for hit in results.hits}


def counts(results, name):
    return {value.value: value.count for value in results.facets[name]}


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("patti", "Patto di collaborazione per le scuole di Torino"),
        ("citta", "Regolamento dei beni comuni della città di Cesena"),
        ("collaborativo", "Patto di collaborazione per le scuole di Torino"),
        ("collaborazione", "Visita di studio sui patti collaborativi"),
        ("scu", "Patto di collaborazione per le scuole di Torino"),
        ("ETS", "Regolamento dei beni comuni della città di Cesena"),
        ("enti terzo settore", "Tavolo di lavoro delle ETS"),
        ("TORINO", "Patto di collaborazione per le scuole di Torino"),
    ],
)
def test_italian_matching(corpus, query, expected):
    assert expected in titles(search(query))


@pytest.mark.django_db
def test_every_word_must_match(corpus):
    results = search("patti collaborazione scuola")
    assert titles(results) == {"Patto di collaborazione per le scuole di Torino"}
    assert results.total == 1
    assert "<mark>patto</mark>" in results.hits[0].snippet


@pytest.mark.django_db
def test_title_matches_rank_first(corpus):
    results = search("regolamento")
    assert results.hits[0].title.startswith("Regolamento")


@pytest.mark.django_db
def test_facet_counts_without_filters(corpus):
    results = search("")
    assert results.total == 4
    assert counts(results, "region") == {"piemonte": 2, "emilia-romagna": 2}
    assert counts(results, "theme") == {"beni-comuni": 2, "scuole": 2, "terzo-settore": 1}
    assert counts(results, "type") == {"practice": 2, "session": 1, "meeting": 1}
    assert counts(results, "when")["upcoming"] == 1
    assert counts(results, "when")["past"] == 1
    assert counts(results, "free_seats") == {"yes": 1}


@pytest.mark.django_db
def test_counts_are_disjunctive(corpus):
    results = search("", {"region": ["piemonte"]})
    assert results.total == 2
    # The region facet still counts every region (others can be added to the choice)...
    assert counts(results, "region") == {"piemonte": 2, "emilia-romagna": 2}
    # ...while the other facets count only within Piedmont.
    assert counts(results, "theme") == {"scuole": 1, "beni-comuni": 1, "terzo-settore": 1}
    both = search("", {"region": ["piemonte", "emilia-romagna"], "theme": ["scuole"]})
    assert both.total == 2
    assert counts(both, "region") == {"piemonte": 1, "emilia-romagna": 1}
    assert counts(both, "theme") == {"scuole": 2, "beni-comuni": 2, "terzo-settore": 1}


@pytest.mark.django_db
def test_when_and_free_seat_filters(corpus):
    assert titles(search("", {"when": ["upcoming"]})) == {
        "Visita di studio sui patti collaborativi"
    }
    assert titles(search("", {"when": ["past"]})) == {"Tavolo di lavoro delle ETS"}
    assert search("", {"when": ["upcoming", "past"]}).total == 2
    assert titles(search("", {"free_seats": ["yes"]})) == {
        "Visita di studio sui patti collaborativi"
    }
    year = str(corpus[0].date.year)
    assert search("", {"when": [f"year:{year}"]}).total >= 1


@pytest.mark.django_db
def test_unknown_facets_are_ignored_and_unknown_values_match_nothing(corpus):
    assert search("", {"colour": ["blue"]}).total == 4
    results = search("", {"region": ["atlantide"]})
    assert results.total == 0
    assert [(v.value, v.count, v.selected) for v in results.facets["region"]][-1] == (
        "atlantide",
        0,
        True,
    )


@pytest.mark.django_db
def test_sort_by_date_and_pages(db):
    index(*[document(f"Scheda {n}", "beni comuni") for n in range(45)])
    first = search("beni", sort="date", page=1)
    assert first.total == 45
    assert first.num_pages == 3
    assert [hit.title for hit in first.hits][:2] == ["Scheda 0", "Scheda 1"]
    last = search("beni", sort="date", page=3)
    assert len(last.hits) == 5 and not last.has_next
    assert search("beni", page=9).hits == []


@pytest.mark.django_db
@pytest.mark.parametrize("page", [0, -1, 10**9])
def test_bad_pages_are_refused(corpus, page):
    with pytest.raises(SearchError):
        search("patti", page=page)


@pytest.mark.django_db
def test_bad_sort_is_refused(corpus):
    with pytest.raises(SearchError):
        search("patti", sort="random")


@pytest.mark.django_db
def test_reindexing_replaces_a_document(corpus):
    changed = corpus[0]
    changed.title = "Orti urbani"
    changed.body = "Orti condivisi nei quartieri."
    changed.facets = {"region": [("lazio", "Lazio")]}
    index(changed)
    assert search("patti").total == 1
    assert titles(search("orti")) == {"Orti urbani"}
    assert counts(search(""), "region")["lazio"] == 1
