"""The coordinators record who came to a meeting; the minutes and the participation chart
take the attendance. Table-driven permissions for the attendance sheet and the dashboard."""

from datetime import timedelta

import pytest
from django.urls import reverse

from communities.models import MeetingPage
from events import services
from events.models import Registration, Session
from tests.communities.factories import make_meeting, make_member, with_organisation
from tests.factories import OrganisationFactory, UserFactory


@pytest.fixture
def meeting(community):
    return make_meeting(community, days=-1, title="Tappa di Savona", mode="in_person")


def register(meeting, user):
    """Registered before the meeting (the engine refuses late registrations)."""
    session = Session.objects.get(page=meeting)
    return services.register_for_session(session, user, now=session.starts_at - timedelta(days=2))


@pytest.fixture
def attendees(community, meeting):
    people = []
    for name, organisation in [
        ("Anna Bianchi", "Comune di Savona"),
        ("Bruno Verdi", "Comune di Savona"),
        ("Carla Neri", "Comune di Chieri"),
    ]:
        user = make_member(community, full_name=name)
        with_organisation(user, OrganisationFactory(name=f"{organisation} {name}"))
        people.append(register(meeting, user))
    return people


def attendance_url(meeting):
    return meeting.url + "presenze/"


def test_coordinator_records_attendance_and_the_minutes_take_it(
    client, community, meeting, coordinator, attendees
):
    anna, bruno, carla = attendees
    client.force_login(coordinator)
    sheet = client.get(attendance_url(meeting))
    assert sheet.status_code == 200
    assert "Anna Bianchi" in sheet.content.decode()
    response = client.post(attendance_url(meeting), {"present": [anna.pk, carla.pk]})
    assert response.status_code == 302
    assert response["Location"].endswith("verbale/")
    statuses = {r.pk: r.status for r in Registration.objects.all()}
    assert statuses == {
        anna.pk: Registration.Status.ATTENDED,
        bruno.pk: Registration.Status.NO_SHOW,
        carla.pk: Registration.Status.ATTENDED,
    }
    form = client.get(meeting.url + "verbale/")
    assert form.context["form"].initial["participant_count"] == 2
    assert {o.pk for o in form.context["form"].initial["organisations"]} == {
        anna.organisation_id,
        carla.organisation_id,
    }
    # Before the minutes are published the meeting page and the chart count the attendance.
    assert "2 partecipanti" in client.get(meeting.url).content.decode()
    chart_rows = client.get(community.url).context["chart_rows"]
    assert chart_rows == [(meeting.start.astimezone().strftime("%m/%y"), meeting.title, 2, 2)]


def test_attendance_can_be_corrected(client, meeting, coordinator, attendees):
    anna = attendees[0]
    client.force_login(coordinator)
    client.post(attendance_url(meeting), {"present": [anna.pk]})
    client.post(attendance_url(meeting), {"present": []})
    anna.refresh_from_db()
    assert anna.status == Registration.Status.NO_SHOW
    assert (
        "checked"
        not in client.get(attendance_url(meeting))
        .content.decode()
        .split("Anna Bianchi")[0]
        .rsplit("<input", 1)[-1]
    )


def test_attendance_before_the_meeting_is_refused(client, community, coordinator):
    upcoming = make_meeting(community, days=5, title="Tavolo futuro")
    person = make_member(community)
    with_organisation(person)
    registration = services.register_for_session(Session.objects.get(page=upcoming), person)
    client.force_login(coordinator)
    page = client.get(attendance_url(upcoming)).content.decode()
    assert "disabled" in page
    response = client.post(attendance_url(upcoming), {"present": [registration.pk]})
    assert response.status_code == 409
    assert "quando la sessione è iniziata" in response.content.decode()
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CONFIRMED


@pytest.mark.parametrize("bad", [["999999"], ["abc"], ["1;DROP"]])
def test_unknown_people_are_a_400(client, meeting, coordinator, attendees, bad):
    client.force_login(coordinator)
    response = client.post(attendance_url(meeting), {"present": bad})
    assert response.status_code == 400
    assert not Registration.objects.filter(status=Registration.Status.ATTENDED).exists()


def test_only_people_who_held_a_seat_are_on_the_sheet(client, community, meeting, coordinator):
    meeting.capacity = 1
    meeting.save_revision().publish()
    seated, waiting = (make_member(community) for _ in range(2))
    for user in (seated, waiting):
        with_organisation(user)
    first = register(meeting, seated)
    second = register(meeting, waiting)
    assert second.status == Registration.Status.WAITLISTED
    client.force_login(coordinator)
    choices = client.get(attendance_url(meeting)).context["form"].fields["present"].choices
    assert [value for value, _label in choices] == [str(first.pk)]
    assert client.post(attendance_url(meeting), {"present": [second.pk]}).status_code == 400


def test_a_meeting_without_registrations_says_to_count_in_the_minutes(client, community):
    paper = make_meeting(community, days=-3, title="Tappa su carta")
    coordinator = UserFactory()
    from communities.services import make_coordinator

    make_coordinator(community, coordinator)
    client.force_login(coordinator)
    page = client.get(attendance_url(paper)).content.decode()
    assert "inserisci il numero dei partecipanti nel verbale" in page


def person_for(who, community, coordinator, member, outsider, host_editor):
    return {
        "anonymous": None,
        "outsider": outsider,
        "member": member,
        "coordinator": coordinator,
        "staff": UserFactory(is_staff=True),
        "host_editor": host_editor,
    }[who]


@pytest.fixture
def host_editor(meeting):
    from members.models import Membership

    user = UserFactory()
    Membership.objects.create(
        user=user,
        organisation=MeetingPage.objects.get(pk=meeting.pk).organisation,
        status=Membership.Status.CONFIRMED,
        role=Membership.Role.EDITOR,
    )
    return user


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("anonymous", "login"),
        ("outsider", 403),
        ("member", 403),
        ("host_editor", 403),
        ("coordinator", 200),
        ("staff", 200),
    ],
)
def test_attendance_sheet_permissions(
    client, community, meeting, coordinator, member, outsider, host_editor, attendees, who, expected
):
    person = person_for(who, community, coordinator, member, outsider, host_editor)
    if person:
        client.force_login(person)
    get = client.get(attendance_url(meeting))
    post = client.post(attendance_url(meeting), {"present": [attendees[0].pk]})
    if expected == "login":
        assert get.status_code == post.status_code == 302
        assert "/accounts/login/" in get["Location"]
    else:
        assert get.status_code == expected
        assert post.status_code == (302 if expected == 200 else expected)
    attended = Registration.objects.filter(status=Registration.Status.ATTENDED).exists()
    assert attended is (expected == 200)


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("anonymous", 302),
        ("outsider", 403),
        ("member", 403),
        ("host_editor", 200),
        ("coordinator", 200),
        ("staff", 200),
    ],
)
def test_registrations_dashboard_of_a_meeting(
    client, community, meeting, coordinator, member, outsider, host_editor, attendees, who, expected
):
    """The host's dashboard (approve, seats, message, CSV) serves the meeting's hosts and the
    community's coordinators."""
    person = person_for(who, community, coordinator, member, outsider, host_editor)
    if person:
        client.force_login(person)
    session = Session.objects.get(page=meeting)
    response = client.get(reverse("events:host_session", args=[session.pk]))
    assert response.status_code == expected
    csv = client.get(reverse("events:host_csv", args=[session.pk]))
    assert csv.status_code == expected
    if expected == 200:
        assert "Anna Bianchi" in csv.content.decode()


def test_other_communities_coordinators_do_not_manage_this_meeting(client, meeting, attendees):
    from tests.communities.factories import make_community, make_coordinator_user

    other = make_community("Comunità Sud", slug="comunita-sud")
    stranger = make_coordinator_user(other)
    make_meeting(other, days=3, title="Tavolo del Sud")
    client.force_login(stranger)
    session = Session.objects.get(page=meeting)
    assert client.get(reverse("events:host_session", args=[session.pk])).status_code == 404
    assert client.get(attendance_url(meeting)).status_code == 403


def test_meeting_page_and_sheet_query_counts_are_constant(
    client, community, meeting, coordinator, attendees, django_assert_max_num_queries
):
    client.force_login(coordinator)
    urls = [meeting.url, attendance_url(meeting), meeting.url + "verbale/"]
    counts = []
    for url in urls:
        with django_assert_max_num_queries(40) as captured:
            assert client.get(url).status_code == 200
        counts.append(len(captured.captured_queries))
    for number in range(6):
        user = make_member(community, full_name=f"Persona {number}")
        with_organisation(user)
        register(meeting, user)
    for url, count in zip(urls, counts, strict=True):
        with django_assert_max_num_queries(count):
            client.get(url)
