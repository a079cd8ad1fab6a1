"""The Elasticsearch engine. The request it builds and the mapping are always tested; the live
tests need a server and run only when ELASTICSEARCH_URL is set."""

import os

import pytest
from django.test import override_settings
from django.utils import timezone

from search.engines.elastic import ElasticsearchEngine, SearchDoc
from search.text import parse_query
from tests.search.factories import document

NOW = timezone.now()


def body(query="", filters=None, page=1, sort="relevance"):
    engine = ElasticsearchEngine()
    return engine.build(parse_query(query), filters or {}, page, 20, sort, now=NOW)._s.to_dict()


def test_words_must_all_match_and_the_last_is_a_prefix():
    request = body("patti scuo")
    must = request["query"]["bool"]["must"]
    assert must[0] == {"multi_match": {"query": "patti", "fields": ["title^5", "body"]}}
    assert {"prefix": {"words": {"value": "scuo", "boost": 0.2}}} in must[1]["bool"]["should"]


def test_user_syntax_never_reaches_the_request():
    request = str(body('"patti" AND (scuola* -citta: ^2 NEAR\x00'))
    for fragment in ['"patti"', "scuola*", "-citta", "^2", "\\x00", "query_string"]:
        assert fragment not in request


def test_filters_are_a_post_filter_and_each_facet_ignores_its_own():
    request = body("patti", {"region": ["piemonte"], "theme": ["scuole"]})
    post = request["post_filter"]["bool"]["must"]
    assert {"terms": {"region": ["piemonte"]}} in post
    assert {"terms": {"theme": ["scuole"]}} in post
    region_agg = request["aggs"]["_filter_region"]
    assert region_agg["filter"] == {"terms": {"theme": ["scuole"]}}
    assert region_agg["aggs"]["region"] == {"terms": {"field": "region_pair", "size": 200}}
    assert request["aggs"]["_filter_type"]["filter"]["bool"]["must"] == post


def test_when_and_free_seats_facets():
    request = body("", {"when": ["upcoming"], "free_seats": ["yes"]})
    when = request["aggs"]["_filter_when"]["aggs"]["when"]["filters"]["filters"]
    assert when["upcoming"] == {"range": {"event_end": {"gte": NOW.isoformat()}}}
    assert when[f"year:{NOW.year}"] == {"term": {"years": f"year:{NOW.year}"}}
    assert {"range": {"free_seats": {"gt": 0}}} in request["post_filter"]["bool"]["must"]


def test_sort_and_pages():
    assert body("patti")["sort"][0] == "_score"
    assert body("patti", sort="date")["sort"] == [{"date": {"order": "desc", "missing": "_last"}}]
    request = body("patti", page=3)
    assert (request["from"], request["size"]) == (40, 20)


def test_mapping_has_the_italian_analyzer():
    mapping = SearchDoc._index.to_dict()
    analysis = mapping["settings"]["analysis"]
    assert analysis["analyzer"]["italian_text"]["filter"][-1] == "italian_stemmer"
    assert "asciifolding" in analysis["analyzer"]["italian_text"]["filter"]
    assert any("ets" in rule for rule in analysis["filter"]["italian_synonyms"]["synonyms"])
    assert analysis["filter"]["italian_stemmer"] == {"type": "stemmer", "language": "italian"}


def test_document_from_data():
    data = document("Patto", "Scuole", facets={"region": ["piemonte"]})
    doc = SearchDoc.from_data(data).to_dict(include_meta=True)
    assert doc["_id"] == data.key
    assert doc["_source"]["region"] == ["piemonte"]
    assert doc["_source"]["region_pair"] == ["piemonte\u241fPiemonte"]


ES_URL = os.environ.get("ELASTICSEARCH_URL", "")
live = pytest.mark.skipif(
    not ES_URL, reason="ELASTICSEARCH_URL is not set: no Elasticsearch server to test against"
)


@live
@pytest.mark.elasticsearch
@override_settings(ELASTICSEARCH_URL=ES_URL, ELASTICSEARCH_INDEX="commons-search-test")
def test_live_search_and_facets():
    engine = ElasticsearchEngine()
    engine.clear()
    engine.bulk_insert(
        [
            document(
                "Patto di collaborazione per le scuole", "città", facets={"region": ["piemonte"]}
            ),
            document(
                "Regolamento dei beni comuni",
                "enti del terzo settore",
                facets={"region": ["lazio"]},
            ),
        ]
    )
    total, docs, _facets, counts = engine.search(parse_query("patti citta"), {}, 1, 20, "relevance")
    assert total == 1 and docs[0].title.startswith("Patto")
    total, _docs, _facets, counts = engine.search(parse_query("ETS"), {}, 1, 20, "relevance")
    assert total == 1
    total, _docs, _facets, counts = engine.search(
        parse_query(""), {"region": ["piemonte"]}, 1, 20, "date"
    )
    assert total == 1
    assert {value: count for value, _label, count in counts["region"]} == {
        "piemonte": 1,
        "lazio": 1,
    }
