import io

from communities import demo as community_demo
from communities.models import CommunityPage, MeetingPage, Topic
from members.models import Organisation


def test_demo_loads_twice_and_tells_the_story(site_tree, client):
    community_demo.load(io.StringIO())
    community_demo.load(io.StringIO())
    community = CommunityPage.objects.get(slug="nord-ovest")
    meetings = MeetingPage.objects.filter(community=community).order_by("start")
    assert meetings.count() == len(community_demo.MEETINGS) + 1
    assert meetings.first().start.date().isoformat() == "2020-12-11"
    assert Organisation.objects.filter(name="Comune di Torino").count() == 1
    collegno = meetings.get(slug="nord-ovest-collegno-2021")
    assert collegno.participant_count == 50
    assert collegno.participating_organisations.count() == 16
    assert Topic.objects.filter(community=community).count() == 2
    page = client.get(community.url).content.decode()
    assert "<svg" in page and "<td>41</td>" in page and "<td>24</td>" in page
