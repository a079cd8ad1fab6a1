import pytest
from icalendar import Calendar

from communities.models import MeetingPage
from communities.services import CommunityDenied
from tests.communities.factories import make_meeting, with_organisation
from tests.factories import OrganisationFactory


@pytest.fixture
def meeting(community):
    return make_meeting(
        community, days=-3, title="Tappa di Savona", mode="in_person", place="Savona"
    )


def minutes_url(meeting):
    return meeting.url + "verbale/"


@pytest.mark.parametrize(
    ("who", "expected"),
    [("anonymous", "login"), ("outsider", 403), ("member", 403), ("coordinator", 200)],
)
def test_minutes_form_permissions(client, meeting, coordinator, member, outsider, who, expected):
    person = {
        "anonymous": None,
        "outsider": outsider,
        "member": member,
        "coordinator": coordinator,
    }[who]
    if person:
        client.force_login(person)
    response = client.get(minutes_url(meeting))
    if expected == "login":
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    else:
        assert response.status_code == expected
    assert client.post(minutes_url(meeting), {"participant_count": "5"}).status_code in (
        200 if expected == 200 else 302,
        302,
        403,
    )
    if expected != 200:
        assert MeetingPage.objects.get(pk=meeting.pk).participant_count is None


def test_coordinator_publishes_minutes_and_the_chart_shows_them(
    client, community, meeting, coordinator, member
):
    org = with_organisation(member, OrganisationFactory(name="Comune di Savona"))
    client.force_login(coordinator)
    form = client.get(minutes_url(meeting)).content.decode()
    assert "Comune di Savona" in form  # the members' organisations are offered
    response = client.post(
        minutes_url(meeting),
        {
            "summary": "Abbiamo lavorato sugli indicatori.\n\nSeconda parte <b>x</b>",
            "table_1_topic": "Impatti diretti",
            "table_1_outcome": "Servono dati comuni",
            "decisions": "Prossima tappa online\nCondividere la scheda indicatori",
            "organisations": [org.pk],
            "participant_count": "23",
        },
    )
    assert response.status_code == 302
    meeting = MeetingPage.objects.get(pk=meeting.pk)
    assert meeting.participant_count == 23
    assert meeting.minutes_published_at is not None
    assert list(meeting.participating_organisations.all()) == [org]
    assert "&lt;b&gt;x&lt;/b&gt;" in meeting.summary
    page = client.get(meeting.url).content.decode()
    assert "Impatti diretti" in page and "Condividere la scheda indicatori" in page
    community_page = client.get(community.url).content.decode()
    assert "<svg" in community_page
    assert "Tappa di Savona" in community_page and "<td>23</td>" in community_page


def test_bad_participant_count_is_400(client, meeting, coordinator):
    client.force_login(coordinator)
    response = client.post(minutes_url(meeting), {"participant_count": "-4"})
    assert response.status_code == 400
    assert MeetingPage.objects.get(pk=meeting.pk).participant_count is None


def test_publish_minutes_service_checks_the_coordinator(meeting, member):
    from communities.services_meetings import Minutes, publish_minutes

    with pytest.raises(CommunityDenied):
        publish_minutes(meeting, member, Minutes("", [], [], [], 3))


def test_previous_and_next_meeting(community):
    first = make_meeting(community, days=-60, title="Prima")
    second = make_meeting(community, days=-30, title="Seconda")
    third = make_meeting(community, days=10, title="Terza")
    assert second.previous_meeting() == first and second.next_meeting() == third
    assert first.previous_meeting() is None and third.next_meeting() is None


def test_ics_feed_lists_the_meetings(client, community):
    make_meeting(community, days=5, title="Tavolo di giugno", mode="online")
    response = client.get(community.url + "calendario/")
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    assert [str(e["summary"]) for e in calendar.walk("VEVENT")] == ["Tavolo di giugno"]


def test_online_link_only_for_members(client, community, member):
    meeting = make_meeting(community, days=5, online_url="https://meet.example.org/tavolo")
    assert "meet.example.org" not in client.get(meeting.url).content.decode()
    client.force_login(member)
    assert "meet.example.org" in client.get(meeting.url).content.decode()


def test_community_page_query_count_is_constant(client, community, django_assert_max_num_queries):
    for days in (-90, -60, -30, 10):
        make_meeting(community, days=days, participant_count=10)
    with django_assert_max_num_queries(30) as small:
        client.get(community.url)
    for days in range(-400, -100, 20):
        make_meeting(community, days=days, participant_count=12)
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(community.url)
