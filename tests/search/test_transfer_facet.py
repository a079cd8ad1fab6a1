"""Issue 20: practices can be found by the stage of their transfers (interested, visited,
planning, adopted, results reported), on the page, in the API and on the cluster engine."""

import pytest
from django.utils import translation

from practices.models import Adoption
from search import index
from search.builders import builder_for
from search.engines.cluster import ElasticsearchEngine, OpenSearchEngine, as_source
from search.services import search
from search.text import parse_query
from tests.factories import OrganisationFactory, RegionFactory
from tests.practices.factories import make_practice


@pytest.fixture
def practices(site_tree):
    region = RegionFactory(name="Emilia-Romagna", slug="emilia-romagna", istat_code="08")
    cesena = OrganisationFactory(name="Comune di Cesena", slug="cesena", region=region)
    forli = OrganisationFactory(name="Comune di Forlì", slug="forli", region=region)
    rimini = OrganisationFactory(name="Comune di Rimini", slug="rimini", region=region)
    travelled = make_practice(title="SpazioComune", organisation=cesena)
    Adoption.objects.create(
        practice=travelled, organisation=forli, stage=Adoption.Stage.RESULTS, year=2026
    )
    Adoption.objects.create(
        practice=travelled, organisation=rimini, stage=Adoption.Stage.INTERESTED, year=2026
    )
    stayed = make_practice(title="Orti di quartiere", organisation=cesena)
    for page in (travelled, stayed):
        index.update_object(page)
    return travelled, stayed


def stages(page) -> list[tuple[str, str]]:
    return builder_for(type(page)).build(page).facets.get("transfer", [])


@pytest.mark.django_db
def test_the_practice_document_carries_each_stage_once_in_the_journeys_order(practices):
    travelled, stayed = practices
    Adoption.objects.create(
        practice=travelled,
        organisation=OrganisationFactory(slug="ravenna"),
        stage=Adoption.Stage.RESULTS,
        year=2025,
    )
    assert stages(travelled) == [
        ("interested", "Interessato"),
        ("results", "Risultati rendicontati"),
    ]
    assert stages(stayed) == []


@pytest.mark.django_db
def test_the_facet_filters_and_counts_practices_by_stage(practices):
    results = search("", {"transfer": ["results"]})
    assert [hit.title for hit in results.hits] == ["SpazioComune"]
    counts = {v.value: (v.label, v.count) for v in search("").facets["transfer"]}
    assert counts == {"results": ("Risultati rendicontati", 1), "interested": ("Interessato", 1)}
    assert search("", {"transfer": ["planning"]}).total == 0


@pytest.mark.django_db
def test_the_page_shows_the_facet_and_the_hit_its_stages(client, practices):
    page = client.get("/search/", {"q": "spaziocomune"})
    html = page.content.decode()
    assert page.status_code == 200
    assert 'id="facet-transfer"' in html and "Fase del trasferimento" in html
    assert "Trasferimenti:" in html and "Risultati rendicontati" in html


@pytest.mark.django_db
def test_english_labels(client, practices):
    with translation.override("en"):
        results = search("spaziocomune")
    labels = {v.value: v.label for v in results.facets["transfer"]}
    assert labels["results"] == "Results reported"
    assert results.hits[0].facets["transfer"] == ["Interested", "Results reported"]


@pytest.mark.django_db
def test_the_api_filters_by_stage_and_unknown_stages_match_nothing(client, practices):
    data = client.get("/api/search/", {"transfer": "results"}).json()
    assert [hit["title"] for hit in data["results"]] == ["SpazioComune"]
    stages = {item["value"]: item for item in data["facets"]["transfer"]}
    assert stages["results"]["label"] == "Risultati rendicontati"
    assert stages["results"]["count"] == 1 and stages["results"]["selected"] is True
    unknown = client.get("/api/search/", {"transfer": "moved-to-mars"})
    assert unknown.status_code == 200 and unknown.json()["total"] == 0
    page = client.get("/search/", {"transfer": "moved-to-mars"})
    assert page.status_code == 200
    bad = client.get("/api/search/", {"transfer": "<script>"})
    assert bad.status_code == 400 and "transfer" in bad.json()["fields"]


@pytest.mark.parametrize("engine", [ElasticsearchEngine, OpenSearchEngine])
def test_the_cluster_request_filters_and_aggregates_the_stage(engine):
    built = engine().build(parse_query(""), {"transfer": ["adopted"]}, 1, 20, "relevance")
    request = built._s.to_dict()
    assert request["post_filter"] == {"terms": {"transfer": ["adopted"]}}
    aggregation = request["aggs"]["_filter_transfer"]["aggs"]["transfer"]
    assert aggregation == {"terms": {"field": "transfer_pair", "size": 200}}


@pytest.mark.django_db
def test_the_cluster_document_and_mapping_carry_the_stage(practices):
    travelled, _stayed = practices
    source = as_source(builder_for(type(travelled)).build(travelled))
    assert source["transfer"] == ["interested", "results"]
    properties = ElasticsearchEngine().schema.SearchDoc._index.to_dict()["mappings"]["properties"]
    assert properties["transfer"] == {"type": "keyword"}
