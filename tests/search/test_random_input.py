"""Property-based: any text and any parameter dict give results, an empty page or a 400 -
never an exception - on the database engine of the database under test (SQLite by default,
PostgreSQL when DATABASE_URL points there)."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from search.documents import FACET_NAMES
from search.services import search

SYNTAX = st.sampled_from(
    [
        '"',
        "*",
        "-",
        ":",
        "^",
        "NEAR",
        "AND",
        "OR",
        "NOT",
        "(",
        ")",
        "\x00",
        "🙂",
        "'",
        "\\",
        "%",
        "_",
        "&",
        "|",
        "!",
        "<->",
        ":*",
        "città",
        "patti",
    ]
)
TEXT = st.lists(st.one_of(st.text(max_size=30), SYNTAX), max_size=12).map(" ".join)
HYPOTHESIS = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.mark.django_db
@HYPOTHESIS
@given(query=TEXT)
def test_any_text_searches_safely(corpus, query):
    results = search(query)
    assert results.total >= 0
    for hit in results.hits:
        assert "<script" not in hit.snippet


@pytest.fixture
def no_rate_limit(settings):
    """Hypothesis sends hundreds of requests within one test."""
    settings.SEARCH_RATE_LIMIT = "1000000/60"


@pytest.mark.django_db
@HYPOTHESIS
@given(
    params=st.dictionaries(
        st.one_of(st.sampled_from(["q", "page", "sort", *FACET_NAMES]), st.text(max_size=10)),
        st.one_of(TEXT, st.lists(TEXT, max_size=3), st.integers().map(str)),
        max_size=6,
    )
)
def test_any_parameters_answer_200_or_400(client, corpus, no_rate_limit, params):
    for url in ("/search/", "/api/search/"):
        response = client.get(url, params)
        assert response.status_code in (200, 400), (url, params)


@pytest.mark.django_db
def test_ten_thousand_characters(client, corpus):
    assert client.get("/search/", {"q": "patti " * 2000}).status_code == 200
    assert client.get("/api/search/", {"q": "x" * 10_000}).status_code == 200
