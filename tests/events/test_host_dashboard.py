"""The host dashboard: only editors/admins of the host organisation or platform staff."""

import csv
import io

import pytest
from django.core import mail
from django.urls import reverse

from events import services
from events.models import Registration
from members.models import Membership
from tests.events.factories import make_offer, make_session, member_of
from tests.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup():
    host_org = OrganisationFactory(name="Comune di Cesena")
    offer = make_offer(host_org)
    session = make_session(offer, capacity=1)
    other_offer = make_offer(OrganisationFactory(), title="Altro scambio")
    other_session = make_session(other_offer)
    first = services.register_for_session(session, member_of(full_name="Anna Verdi"))
    second = services.register_for_session(session, member_of(full_name="=cmd|' /C calc'!A0"))
    return {
        "host_org": host_org,
        "session": session,
        "other_session": other_session,
        "first": first,
        "second": second,
    }


def person(kind, host_org):
    if kind == "anonymous":
        return None
    if kind == "staff":
        return UserFactory(is_staff=True)
    if kind == "member_no_role":
        return member_of(host_org, role=Membership.Role.MEMBER)
    if kind == "editor":
        return member_of(host_org, role=Membership.Role.EDITOR)
    if kind == "admin":
        return member_of(host_org, role=Membership.Role.ADMIN)
    if kind == "other_editor":
        return member_of(OrganisationFactory(), role=Membership.Role.EDITOR)
    if kind == "pending_editor":
        user = UserFactory()
        Membership.objects.create(
            user=user, organisation=host_org, role="editor", status=Membership.Status.PENDING
        )
        return user
    raise AssertionError(kind)


def urls(data, which="session"):
    session = data[which]
    registration = data["first"] if which == "session" else None
    get = [
        reverse("events:host_session", args=[session.pk]),
        reverse("events:host_csv", args=[session.pk]),
    ]
    post = [
        (reverse("events:host_capacity", args=[session.pk]), {"capacity": "3"}),
        (reverse("events:host_message", args=[session.pk]), {"subject": "Ciao", "body": "Testo"}),
    ]
    if registration:
        post.append((reverse("events:host_action", args=[registration.pk]), {"action": "cancel"}))
    return get, post


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        ("anonymous", 302),
        ("member_no_role", 403),
        ("pending_editor", 403),
        ("other_editor", 404),
        ("editor", 200),
        ("admin", 200),
        ("staff", 200),
    ],
)
def test_permissions_on_own_session(client, setup, kind, expected):
    user = person(kind, setup["host_org"])
    if user:
        client.force_login(user)
    get, post = urls(setup)
    for url in get:
        response = client.get(url)
        assert response.status_code == expected, url
        if expected == 302:
            assert "/accounts/login/" in response["Location"]
    for url, data in post:
        response = client.post(url, data)
        ok = 302 if expected == 200 else expected
        assert response.status_code == ok, url
    if expected != 200:
        assert Registration.objects.get(pk=setup["first"].pk).status == "confirmed"


@pytest.mark.parametrize(("kind", "expected"), [("editor", 404), ("admin", 404), ("staff", 200)])
def test_another_organisations_session_is_404(client, setup, kind, expected):
    client.force_login(person(kind, setup["host_org"]))
    get, _post = urls(setup, "other_session")
    for url in get:
        assert client.get(url).status_code == expected


def test_sessions_list_shows_only_own(client, setup):
    client.force_login(person("editor", setup["host_org"]))
    body = client.get(reverse("events:host_sessions")).content.decode()
    assert "Scambio di prova" in body
    assert "Altro scambio" not in body


def test_sessions_list_forbidden_without_role(client, setup):
    client.force_login(person("member_no_role", setup["host_org"]))
    assert client.get(reverse("events:host_sessions")).status_code == 403


def test_dashboard_lists_statuses_and_history(client, setup):
    client.force_login(person("editor", setup["host_org"]))
    body = client.get(reverse("events:host_session", args=[setup["session"].pk])).content.decode()
    assert "Anna Verdi" in body
    assert "Confermat" in body
    assert "In lista d&#x27;attesa" in body


def test_host_cancel_promotes_and_emails(client, setup, django_capture_on_commit_callbacks):
    client.force_login(person("editor", setup["host_org"]))
    url = reverse("events:host_action", args=[setup["first"].pk])
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, {"action": "cancel"}).status_code == 302
    assert Registration.objects.get(pk=setup["second"].pk).status == "confirmed"
    subjects = sorted(m.subject for m in mail.outbox)
    assert any("annullata" in s for s in subjects)
    assert any("posto per te" in s for s in subjects)


@pytest.mark.parametrize(
    "data", [{"action": "explode"}, {}, {"action": "approve"}, {"action": "attended"}]
)
def test_bad_or_impossible_actions_are_4xx(client, setup, data):
    client.force_login(person("editor", setup["host_org"]))
    url = reverse("events:host_action", args=[setup["first"].pk])
    response = client.post(url, data)
    assert 400 <= response.status_code < 500
    assert Registration.objects.get(pk=setup["first"].pk).status == "confirmed"


@pytest.mark.parametrize("value", ["-1", "abc", "1e9"])
def test_bad_capacity_is_400(client, setup, value):
    client.force_login(person("editor", setup["host_org"]))
    url = reverse("events:host_capacity", args=[setup["session"].pk])
    assert client.post(url, {"capacity": value}).status_code == 400


def test_capacity_increase_from_dashboard_promotes(client, setup):
    client.force_login(person("editor", setup["host_org"]))
    client.post(reverse("events:host_capacity", args=[setup["session"].pk]), {"capacity": "2"})
    assert Registration.objects.get(pk=setup["second"].pk).status == "confirmed"


def test_message_to_participants(client, setup, django_capture_on_commit_callbacks):
    client.force_login(person("editor", setup["host_org"]))
    url = reverse("events:host_message", args=[setup["session"].pk])
    assert client.post(url, {"subject": "", "body": ""}).status_code == 400
    with django_capture_on_commit_callbacks() as callbacks:
        client.post(url, {"subject": "Parcheggio", "body": "Parcheggiate in piazza."})
    assert mail.outbox == []  # the request only enqueued them, one task per person
    for callback in callbacks:
        callback()
    assert len(mail.outbox) == 2
    assert "Parcheggiate in piazza." in mail.outbox[0].body


@pytest.mark.parametrize("subject", ["Parcheggio\r\nBcc: x@example.org", "Due\nrighe"])
def test_a_subject_with_a_line_break_is_refused_in_words(client, setup, subject):
    client.force_login(person("editor", setup["host_org"]))
    url = reverse("events:host_message", args=[setup["session"].pk])
    response = client.post(url, {"subject": subject, "body": "Parcheggiate in piazza."})
    assert response.status_code == 400
    assert "una sola riga" in response.content.decode()
    assert mail.outbox == []


def test_csv_export_escapes_formulas(client, setup):
    client.force_login(person("editor", setup["host_org"]))
    response = client.get(reverse("events:host_csv", args=[setup["session"].pk]))
    assert response["Content-Type"].startswith("text/csv")
    # Semicolon-separated: Italian Excel opens it in columns.
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][0] == "Nome"
    names = [row[0] for row in rows[1:]]
    assert "Anna Verdi" in names
    assert all(not name.startswith("=") for name in names)
    assert len(rows) == 3


def test_xlsx_export_with_answers_and_formulas_neutralised(client, setup):
    from openpyxl import load_workbook

    from events.models import RegistrationQuestion

    session = setup["session"]
    question = RegistrationQuestion.objects.create(
        page=session.page, kind="short_text", label="Ruolo"
    )
    Registration.objects.filter(pk=setup["first"].pk).update(
        answers=[{"question": question.pk, "label": "Ruolo", "kind": "short_text", "value": "=1+1"}]
    )
    client.force_login(person("editor", setup["host_org"]))
    response = client.get(reverse("events:host_xlsx", args=[session.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows[0][0] == "Nome" and "Ruolo" in rows[0]
    column = rows[0].index("Ruolo")
    assert rows[1][column] == "'=1+1"
    assert all(not str(row[0]).startswith("=") for row in rows[1:])
    csv_rows = list(
        csv.reader(
            io.StringIO(
                client.get(reverse("events:host_csv", args=[session.pk])).content.decode(
                    "utf-8-sig"
                )
            ),
            delimiter=";",
        )
    )
    assert csv_rows[0] == rows[0] and csv_rows[1][column] == "'=1+1"
