import pytest
from django.utils import timezone

from events.models import EventIndexPage
from tests.communities.factories import make_community, make_meeting


@pytest.fixture
def community(site_tree):
    return make_community()


@pytest.fixture
def index(site_tree):
    return EventIndexPage.objects.get()


def test_upcoming_list_and_month_calendar(client, index, community):
    soon = make_meeting(community, days=3, title="Tavolo vicino", mode="online")
    make_meeting(community, days=-30, title="Tavolo passato")
    response = client.get(index.url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Tavolo vicino" in html.split('id="calendar-heading"')[0]
    assert "Tavolo passato" not in html.split('id="calendar-heading"')[0]
    month = timezone.localtime(soon.start).strftime("%Y-%m")
    html = client.get(index.url, {"month": month}).content.decode()
    assert "<table" in html and "Tavolo vicino" in html.split('id="calendar-heading"')[1]


def test_filters(client, index, community, site_tree):
    other = make_community("Rete Sud")
    make_meeting(community, days=3, title="Al Nord", mode="online")
    make_meeting(other, days=4, title="Al Sud", mode="in_person")
    html = client.get(index.url, {"community": other.pk}).content.decode()
    assert "Al Sud" in html and "Al Nord" not in html
    html = client.get(index.url, {"mode": "online"}).content.decode()
    assert "Al Nord" in html and "Al Sud" not in html


@pytest.mark.parametrize(
    "params",
    [
        {"month": "2027-13"},
        {"month": "x"},
        {"community": "abc"},
        {"mode": "teleport"},
        {"region": "999999"},
    ],
)
def test_bad_filters_are_400(client, index, params):
    response = client.get(index.url, params)
    assert response.status_code == 400


@pytest.mark.parametrize("page", ["abc", "0"])
def test_bad_page_is_400(client, index, page):
    assert client.get(index.url, {"page": page}).status_code == 400


def test_index_query_count_is_constant(client, index, community, django_assert_max_num_queries):
    make_meeting(community, days=2)
    with django_assert_max_num_queries(40) as small:
        client.get(index.url)
    for days in range(4, 20):
        make_meeting(community, days=days)
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(index.url)
