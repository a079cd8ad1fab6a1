"""The cluster engine, for Elasticsearch and for OpenSearch: the request it builds and the
mapping are always tested; the live tests need a server and run only when ELASTICSEARCH_URL
or OPENSEARCH_URL is set. An unreachable or silent cluster: the database engine answers."""

import logging
import os
import socket
import threading
import time

import pytest
from django.test import override_settings
from django.utils import timezone

from search import index, services
from search.engines import cluster, cluster_schema
from search.engines.cluster import ElasticsearchEngine, OpenSearchEngine, as_source, schema
from search.text import parse_query
from tests.search.factories import document
from tests.search.factories import index as add

NOW = timezone.now()
ENGINES = {"elasticsearch": ElasticsearchEngine, "opensearch": OpenSearchEngine}
URL_SETTING = {"elasticsearch": "ELASTICSEARCH_URL", "opensearch": "OPENSEARCH_URL"}


@pytest.fixture(params=["elasticsearch", "opensearch"])
def flavour(request):
    return request.param


@pytest.fixture(autouse=True)
def fresh_connections():
    """No cluster connection or resting period carried over from another test."""

    def reset():
        services._cluster_resting_until = 0.0
        for name in ENGINES:
            connections = cluster.dsl(name).lib.connections
            try:
                connections.remove_connection(f"search-{name}")
            except KeyError:
                pass

    reset()
    yield
    reset()


def body(flavour, query="", filters=None, page=1, sort="relevance"):
    engine = ENGINES[flavour]()
    return engine.build(parse_query(query), filters or {}, page, 20, sort, now=NOW)._s.to_dict()


def test_words_must_all_match_title_summary_body_and_the_last_is_a_prefix(flavour):
    request = body(flavour, "patti scuo")
    must = request["query"]["bool"]["must"]
    assert must[0] == {
        "multi_match": {"query": "patti", "fields": ["title^5", "summary^2", "body"]}
    }
    assert {"prefix": {"words": {"value": "scuo", "boost": 0.2}}} in must[1]["bool"]["should"]


def test_user_syntax_never_reaches_the_request(flavour):
    request = str(body(flavour, '"patti" AND (scuola* -citta: ~2 NEAR\x00'))
    for fragment in ['"patti"', "scuola*", "-citta", "~2", "\\x00", "query_string"]:
        assert fragment not in request


def test_filters_are_a_post_filter_and_each_facet_ignores_its_own(flavour):
    request = body(flavour, "patti", {"region": ["piemonte"], "theme": ["scuole"]})
    post = request["post_filter"]["bool"]["must"]
    assert {"terms": {"region": ["piemonte"]}} in post
    assert {"terms": {"theme": ["scuole"]}} in post
    region_agg = request["aggs"]["_filter_region"]
    assert region_agg["filter"] == {"terms": {"theme": ["scuole"]}}
    assert region_agg["aggs"]["region"] == {"terms": {"field": "region_pair", "size": 200}}
    assert request["aggs"]["_filter_type"]["filter"]["bool"]["must"] == post


def test_when_and_free_seats_facets(flavour):
    request = body(flavour, "", {"when": ["upcoming"], "free_seats": ["yes"]})
    when = request["aggs"]["_filter_when"]["aggs"]["when"]["filters"]["filters"]
    assert when["upcoming"] == {"range": {"event_end": {"gte": NOW.isoformat()}}}
    assert when[f"year:{NOW.year}"] == {"term": {"years": f"year:{NOW.year}"}}
    assert {"range": {"free_seats": {"gt": 0}}} in request["post_filter"]["bool"]["must"]


def test_relevance_then_type_then_date_and_pages(flavour):
    by_date = {"date": {"order": "desc", "missing": "_last"}}
    assert body(flavour, "patti")["sort"] == ["_score", {"type_rank": {"order": "asc"}}, by_date]
    assert body(flavour, "patti", sort="date")["sort"] == [by_date]
    request = body(flavour, "patti", page=3)
    assert (request["from"], request["size"]) == (40, 20)


def test_mapping_has_the_italian_analyzer(flavour):
    mapping = schema(flavour).SearchDoc._index.to_dict()
    analysis = mapping["settings"]["analysis"]
    assert analysis["analyzer"]["italian_text"]["filter"][-1] == "italian_stemmer"
    assert "asciifolding" in analysis["analyzer"]["italian_text"]["filter"]
    assert any("ets" in rule for rule in analysis["filter"]["italian_synonyms"]["synonyms"])
    assert analysis["filter"]["italian_stemmer"] == {"type": "stemmer", "language": "italian"}
    properties = mapping["mappings"]["properties"]
    assert properties["summary"] == {"type": "text", "analyzer": "italian_text"}


def test_document_source():
    data = document("Patto", "Scuole", facets={"region": ["piemonte"]}, doc_type="tool")
    source = as_source(data)
    assert source["region"] == ["piemonte"]
    assert source["region_pair"] == ["piemonte\u241fPiemonte"]
    assert source["type_rank"] == cluster_schema.TYPE_ORDER.index("tool")


# --- when the cluster cannot answer ---------------------------------------------------------


def unused_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def silent_server():
    """A server on loopback that accepts connections and never answers (for 10 s at most)."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    server.settimeout(0.2)
    stop = threading.Event()
    held = []

    def serve():
        deadline = time.monotonic() + 10
        while not stop.is_set() and time.monotonic() < deadline:
            try:
                held.append(server.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.getsockname()[1]}"
    stop.set()
    thread.join(2)
    for connection in held:
        connection.close()
    server.close()


@pytest.mark.django_db
def test_an_unreachable_cluster_lets_the_database_answer(flavour, client, caplog):
    add(document("Patto per le scuole", "patti"))
    url = f"http://127.0.0.1:{unused_port()}"
    with override_settings(SEARCH_ENGINE=flavour, **{URL_SETTING[flavour]: url}):
        with caplog.at_level(logging.WARNING, logger="search.services"):
            page = client.get("/search/", {"q": "patti"})
            api = client.get("/api/search/", {"q": "patti"})
    assert page.status_code == 200 and "Patto per le scuole" in page.content.decode()
    assert api.status_code == 200 and api.json()["total"] == 1
    assert any("database engine answers" in r.getMessage() for r in caplog.records)


@pytest.mark.django_db
def test_a_silent_cluster_is_given_up_after_the_timeout_then_rests(flavour, silent_server):
    add(document("Patto per le scuole", "patti"))
    settings = {URL_SETTING[flavour]: silent_server, "SEARCH_CLUSTER_TIMEOUT": 0.5}
    with override_settings(SEARCH_ENGINE=flavour, **settings):
        began = time.monotonic()
        assert services.search("patti").total == 1
        first = time.monotonic() - began
        began = time.monotonic()
        assert services.search("patti").total == 1
        second = time.monotonic() - began
    assert 0.4 < first < 5  # gave up after the timeout (no retries)
    assert second < 0.4  # resting: the database answered at once


@pytest.mark.django_db
def test_index_writes_reach_the_database_when_the_cluster_is_down(flavour, caplog):
    url = f"http://127.0.0.1:{unused_port()}"
    with override_settings(SEARCH_ENGINE=flavour, **{URL_SETTING[flavour]: url}):
        with caplog.at_level(logging.WARNING, logger="search.index"):
            index._write("upsert", [document("Orti urbani", "orti")], "tests.doc")
    with override_settings(SEARCH_ENGINE="database"):
        assert services.search("orti").total == 1
    assert any(f"on {flavour}" in r.getMessage() for r in caplog.records)


# --- live clusters --------------------------------------------------------------------------

LIVE_URLS = {
    "elasticsearch": os.environ.get("ELASTICSEARCH_URL", ""),
    "opensearch": os.environ.get("OPENSEARCH_URL", ""),
}


@pytest.mark.elasticsearch
@pytest.mark.opensearch
@pytest.mark.django_db
def test_live_search_facets_and_rebuild(flavour):
    if not LIVE_URLS[flavour]:
        pytest.skip(f"{URL_SETTING[flavour]} is not set: no {flavour} server to test against")
    with override_settings(
        **{URL_SETTING[flavour]: LIVE_URLS[flavour]}, SEARCH_CLUSTER_INDEX="commons-search-test"
    ):
        engine = ENGINES[flavour]()
        engine.rebuild(
            iter(
                [
                    document("Patto per le scuole", "città", facets={"region": ["piemonte"]}),
                    document("Regolamento", "enti del terzo settore", facets={"region": ["lazio"]}),
                ]
            )
        )
        total, docs, _facets, _counts = engine.search(
            parse_query("patti citta"), {}, 1, 20, "relevance"
        )
        assert total == 1 and docs[0].title.startswith("Patto")
        assert engine.search(parse_query("ETS"), {}, 1, 20, "relevance")[0] == 1
        total, _docs, _facets, counts = engine.search(
            parse_query(""), {"region": ["piemonte"]}, 1, 20, "date"
        )
        assert total == 1
        assert {value: count for value, _label, count in counts["region"]} == {
            "piemonte": 1,
            "lazio": 1,
        }
        engine.rebuild(iter([document("Orti", "orti")]))  # the alias moves in one step
        assert engine.count() == 1
