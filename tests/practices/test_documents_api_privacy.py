"""The documents API lists only documents a live public page uses: an upload for a draft or a
private page is not open data."""

import pytest
from wagtail.models import PageViewRestriction

from tests.practices.factories import DocumentFactory, make_tool


def listed_titles(client):
    response = client.get("/api/v2/documents/")
    assert response.status_code == 200
    return {item["title"] for item in response.json()["items"]}


@pytest.mark.django_db
def test_documents_api_lists_only_documents_of_public_pages(client, site_tree):
    loose = DocumentFactory(title="Bozza caricata da un editor")
    tool = make_tool()
    used = tool.files.get().document.title
    assert listed_titles(client) == {used}
    assert loose.title not in listed_titles(client)

    PageViewRestriction.objects.create(page=tool, restriction_type="login")
    assert listed_titles(client) == set()
    assert client.get(f"/api/v2/documents/{loose.pk}/").status_code == 404
