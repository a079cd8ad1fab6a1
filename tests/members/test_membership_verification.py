"""A membership request reaches the organisation's admin only once the person has verified her
e-mail address; until then the admin sees the request as not verified and cannot confirm it."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse

from members import services
from members.models import Membership, User
from tests.factories import UserFactory
from tests.members.conftest import make_member

pytestmark = pytest.mark.django_db

PASSWORD = "una-password-lunga-42"


def _signup(client, organisation, email="anna.verdi@comune.example.it"):
    return client.post(
        reverse("account_signup"),
        {
            "organisation": organisation.pk,
            "role_category": "officer",
            "full_name": "Anna Verdi",
            "email": email,
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )


def _unverified(email="luca.bianchi@comune.example.it") -> User:
    person = UserFactory(email=email, full_name="Luca Bianchi")
    EmailAddress.objects.filter(user=person).update(verified=False)
    return person


def test_the_admin_hears_of_a_request_only_after_the_verification(
    client, site_tree, cesena, django_capture_on_commit_callbacks
):
    admin = make_member(cesena, role=Membership.Role.ADMIN)
    with django_capture_on_commit_callbacks(execute=True):
        assert _signup(client, cesena).status_code == 302
    assert [message.to for message in mail.outbox] == [["anna.verdi@comune.example.it"]]
    person = User.objects.get(email="anna.verdi@comune.example.it")
    assert person.memberships.get().status == Membership.Status.PENDING

    link = re.search(r"https?://[^/\s]+(/accounts/confirm-email/\S+/)", mail.outbox[0].body)
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(link.group(1)).status_code == 302
    assert [message.to for message in mail.outbox[1:]] == [[admin.email]]
    assert "Anna Verdi" in mail.outbox[1].body


def test_verifying_another_address_does_not_send_the_request_again(
    cesena, django_capture_on_commit_callbacks
):
    make_member(cesena, role=Membership.Role.ADMIN)
    person = _unverified()
    services.request_membership(person, cesena)
    other = EmailAddress.objects.create(user=person, email="luca@altro.example.it")
    with django_capture_on_commit_callbacks(execute=True):
        services.notify_request_after_verification(other)
    assert mail.outbox == []


def test_an_unverified_request_cannot_be_confirmed(cesena):
    admin = make_member(cesena, role=Membership.Role.ADMIN)
    person = _unverified()
    membership = services.request_membership(person, cesena)
    with pytest.raises(services.EmailNotVerified) as caught:
        services.confirm_membership(membership, actor=admin, role=Membership.Role.EDITOR)
    assert "non ha ancora verificato" in str(caught.value.message)
    membership.refresh_from_db()
    assert membership.status == Membership.Status.PENDING
    assert services.organisation_of(person) is None

    EmailAddress.objects.filter(user=person).update(verified=True)
    services.confirm_membership(membership, actor=admin, role=Membership.Role.EDITOR)
    assert services.organisation_of(person) == cesena


def test_the_admin_listing_shows_the_verification_state(client, cesena):
    admin = make_member(cesena, role=Membership.Role.ADMIN)
    unverified = services.request_membership(_unverified(), cesena)
    verified = services.request_membership(UserFactory(full_name="Sara Neri"), cesena)
    client.force_login(admin)
    html = client.get(
        reverse("members:members", kwargs={"slug": cesena.slug}), HTTP_ACCEPT_LANGUAGE="it"
    ).content.decode()
    rows = re.findall(r"<tr>(.*?)</tr>", html, flags=re.S)
    luca = next(row for row in rows if "Luca Bianchi" in row)
    sara = next(row for row in rows if "Sara Neri" in row)
    assert "Non ancora verificato" in luca
    confirm = reverse("members:confirm", kwargs={"slug": cesena.slug, "pk": unverified.pk})
    assert confirm not in luca
    assert "Verificato" in sara
    assert reverse("members:confirm", kwargs={"slug": cesena.slug, "pk": verified.pk}) in sara


def test_confirming_an_unverified_request_by_post_says_why(client, cesena):
    admin = make_member(cesena, role=Membership.Role.ADMIN)
    membership = services.request_membership(_unverified(), cesena)
    client.force_login(admin)
    response = client.post(
        reverse("members:confirm", kwargs={"slug": cesena.slug, "pk": membership.pk}),
        {"role": "editor"},
        follow=True,
        HTTP_ACCEPT_LANGUAGE="it",
    )
    assert "non ha ancora verificato" in response.content.decode()
    membership.refresh_from_db()
    assert membership.status == Membership.Status.PENDING


def test_the_wagtail_memberships_listing_shows_the_verification_state(client, staff, cesena):
    services.request_membership(_unverified(), cesena)
    client.force_login(staff)
    response = client.get(
        reverse("wagtailsnippets_members_membership:list"), HTTP_ACCEPT_LANGUAGE="it"
    )
    assert response.status_code == 200
    assert "E-mail verificata" in response.content.decode()
