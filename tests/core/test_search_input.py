"""The search page never fails on odd input: it answers results, an empty page or a 400."""

import pytest

ODD_QUERIES = [
    '"',
    "*",
    "-",
    ":",
    "^",
    "NEAR",
    "AND OR NOT",
    "((",
    "a\x00b",
    "🙂 beni comuni",
    "x" * 10_000,
    "patti' OR 1=1 --",
    "<script>alert(1)</script>",
]


@pytest.mark.django_db
@pytest.mark.parametrize("query", ODD_QUERIES)
def test_odd_queries_never_fail(client, site_tree, query):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("page", ["0", "-1", "abc", "1000000000"])
def test_bad_page_numbers_give_a_clear_400(client, site_tree, page):
    response = client.get("/search/", {"q": "pratiche", "page": page})
    assert response.status_code == 400


@pytest.mark.django_db
def test_search_finds_published_pages(client, site_tree):
    response = client.get("/search/", {"q": "privacy"})
    assert response.status_code == 200
    assert "Informativa sulla privacy" in response.content.decode()
