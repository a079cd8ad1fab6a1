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
