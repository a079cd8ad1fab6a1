"""Hostile input to the open-data API and the calendar feed is a 4xx, never a 500."""

import pytest


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "/api/v2/pages/?search=x&search_operator=xor",
        "/api/v2/pages/?search=x%00y",
        "/api/v2/pages/find/?html_path=/%00",
        "/eventi/calendario/%00.ics",
    ],
)
def test_hostile_input_is_a_client_error(client, site_tree, url):
    client.raise_request_exception = False
    assert 400 <= client.get(url).status_code < 500


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "language", "words"),
    [
        ("/api/v2/pages/?search=x&search_operator=xor", "it", "deve essere"),
        ("/api/v2/pages/?search=x&search_operator=xor", "en", "must be"),
        ("/api/v2/pages/?search=x%00y", "it", "caratteri NUL"),
        ("/api/v2/pages/?search=x%00y", "en", "NUL characters"),
    ],
)
def test_the_api_says_what_is_wrong_in_the_reader_language(client, site_tree, url, language, words):
    response = client.get(url, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 400
    assert words in response.json()["message"]
