"""The community page: the next five meetings and the last 24 in the chart come from one
windowed query, the members, coordinators and area from another; what it shows is the same
as one query per list would give."""

import datetime as dt

import pytest
import time_machine

from communities.views import CHART_MEETINGS, UPCOMING_SHOWN
from members.models import Region
from tests.communities.factories import make_coordinator_user, make_meeting, make_member

NOW = dt.datetime(2026, 11, 10, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def busy(community):
    with time_machine.travel(NOW, tick=False):
        for days in range(1, 8):
            make_meeting(community, days=days * 7, title=f"Prossimo {days}")
        for number in range(1, CHART_MEETINGS + 4):
            make_meeting(
                community, days=-number * 10, title=f"Passato {number}", participant_count=number
            )
    community.regions.set(
        [
            Region.objects.create(istat_code="01", name="Piemonte", slug="piemonte"),
            Region.objects.create(istat_code="07", name="Liguria", slug="liguria"),
        ]
    )
    community.save_revision().publish()
    make_coordinator_user(community, full_name="Chiara Coordinatrice")
    make_coordinator_user(community, full_name="Dario Coordinatore")
    make_member(community, full_name="Maria Rossi")
    return community


def test_the_page_cuts_each_list_and_names_its_people_and_area(client, busy):
    with time_machine.travel(NOW, tick=False):
        response = client.get(busy.url)
    context = response.context
    assert [m.title for m in context["upcoming_meetings"]] == [
        f"Prossimo {days}" for days in range(1, UPCOMING_SHOWN + 1)
    ]
    # The chart: the latest 24 past meetings, oldest first.
    assert [column.title for column in context["chart"].columns] == [
        f"Passato {number}" for number in range(CHART_MEETINGS, 0, -1)
    ]
    assert context["past_meetings"][0].title == "Passato 1"
    assert context["page_obj"].paginator.count == CHART_MEETINGS + 3
    assert context["member_count"] == 3
    assert sorted(str(person) for person in context["coordinators"]) == [
        "Chiara Coordinatrice",
        "Dario Coordinatore",
    ]
    html = response.content.decode()
    assert "Liguria, Piemonte" in html
    assert "Chiara Coordinatrice" in html and "Dario Coordinatore" in html


def test_a_community_without_meetings_coordinators_or_area(client, community):
    response = client.get(community.url)
    assert response.status_code == 200
    assert response.context["member_count"] == 0
    assert response.context["coordinators"] == [] and response.context["regions"] == []
    assert response.context["upcoming_meetings"] == [] and response.context["chart"] is None
