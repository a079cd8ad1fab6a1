"""The JSON API answers the same parameters as the page."""

import pytest


@pytest.mark.django_db
def test_api_shape(client, corpus):
    response = client.get("/api/search/", {"q": "patti", "region": "piemonte"})
    assert response.status_code == 200
    data = response.json()
    assert data["total"] == 1
    assert data["page"] == 1
    hit = data["results"][0]
    assert hit["type"] == "practice"
    assert hit["title"] == "Patto di collaborazione per le scuole di Torino"
    assert hit["url"].startswith("http://testserver/doc/")
    assert "<mark>" in hit["snippet"]
    assert hit["facets"]["region"] == ["Piemonte"]
    regions = {item["value"]: item["count"] for item in data["facets"]["region"]}
    assert regions == {"piemonte": 1, "emilia-romagna": 1}
    assert set(data["facets"]) >= {"type", "theme", "region", "when", "free_seats"}
    assert {"value", "label", "count"} <= set(data["facets"]["region"][0])


@pytest.mark.django_db
def test_api_multi_valued_filters(client, corpus):
    data = client.get("/api/search/?region=piemonte&region=emilia-romagna&theme=scuole").json()
    assert data["total"] == 2


@pytest.mark.django_db
@pytest.mark.parametrize("page", ["0", "-1", "abc", "1000000000"])
def test_api_bad_page_is_a_json_400(client, corpus, page):
    response = client.get("/api/search/", {"q": "patti", "page": page})
    assert response.status_code == 400
    data = response.json()
    assert data["error"]
    assert "page" in data["fields"]


@pytest.mark.django_db
def test_api_unknown_value_gives_an_empty_result(client, corpus):
    data = client.get("/api/search/", {"region": "atlantide"}).json()
    assert data["total"] == 0 and data["results"] == []


@pytest.mark.django_db
def test_theme_labels_follow_the_language_of_the_request(client):
    from practices.models import Theme
    from tests.search.factories import document, index

    Theme.objects.create(name_it="Scuole", name_en="Schools", slug="scuole")
    index(document("Patto per le scuole", "patti", facets={"theme": ["scuole"]}))
    italian = client.get("/api/search/", {"q": "patti"}, HTTP_ACCEPT_LANGUAGE="it").json()
    english = client.get("/api/search/", {"q": "patti"}, HTTP_ACCEPT_LANGUAGE="en").json()
    assert italian["facets"]["theme"][0]["label"] == "Scuole"
    assert english["facets"]["theme"][0]["label"] == "Schools"
    assert english["results"][0]["snippet"] == "<mark>patti</mark>"
