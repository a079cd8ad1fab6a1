"""Sign-up with mandatory e-mail verification, login, logout, password reset, rate limit."""

import re

import pytest
from django.core import mail

from members.models import User


def _signup(client, email="anna.verdi@comune.example.it"):
    from tests.factories import OrganisationFactory

    organisation = OrganisationFactory(name="Comune di Cesena", slug="comune-di-cesena")
    return client.post(
        "/accounts/signup/",
        {
            "organisation": organisation.pk,
            "role_category": "officer",
            "full_name": "  Anna   Verdi ",
            "email": email,
            "password1": "una-password-lunga-42",
            "password2": "una-password-lunga-42",
        },
    )


@pytest.mark.django_db
def test_signup_requires_email_verification_before_login(client, site_tree):
    response = _signup(client)
    assert response.status_code == 302
    assert response["Location"] == "/accounts/confirm-email/"
    user = User.objects.get(email="anna.verdi@comune.example.it")
    assert user.full_name == "Anna Verdi"
    assert user.role_category == "officer"
    membership = user.memberships.get()
    assert (membership.organisation.name, membership.status) == ("Comune di Cesena", "pending")
    assert len(mail.outbox) == 1
    # Not verified yet: logging in sends her back to the verification notice.
    response = client.post(
        "/accounts/login/",
        {"login": "anna.verdi@comune.example.it", "password": "una-password-lunga-42"},
    )
    assert response["Location"] == "/accounts/confirm-email/"
    assert "_auth_user_id" not in client.session

    link = re.search(r"https?://[^/\s]+(/accounts/confirm-email/\S+/)", mail.outbox[0].body)
    assert link, mail.outbox[0].body
    assert client.post(link.group(1)).status_code == 302
    response = client.post(
        "/accounts/login/",
        {"login": "anna.verdi@comune.example.it", "password": "una-password-lunga-42"},
    )
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)
    assert "Anna Verdi" in client.get("/").content.decode()


@pytest.mark.django_db
def test_signup_with_a_taken_email_is_refused_without_saying_whose(client, site_tree, member):
    response = _signup(client, email=member.email.upper())
    # Enumeration prevention: same flow as a new address, but no second account is created.
    assert User.objects.filter(email__iexact=member.email).count() == 1
    assert response.status_code in (200, 302)


@pytest.mark.django_db
def test_signup_form_errors_are_shown_in_italian(client, site_tree):
    response = client.post(
        "/accounts/signup/",
        {"full_name": "", "email": "non-una-email", "password1": "a", "password2": "b"},
        HTTP_ACCEPT_LANGUAGE="it",
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Questo campo è obbligatorio" in html
    assert "Cerca il tuo ente e sceglilo" in html
    assert 'aria-invalid="true"' in html
    assert User.objects.count() == 0


@pytest.mark.django_db
def test_logout_is_a_post(client, member, site_tree):
    client.force_login(member)
    response = client.post("/accounts/logout/")
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_password_reset_sends_a_link(client, member, site_tree):
    response = client.post("/accounts/password/reset/", {"email": member.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert "/accounts/password/reset/key/" in mail.outbox[0].body


@pytest.mark.django_db
def test_repeated_failed_logins_are_rate_limited_with_a_clear_message(client, member, site_tree):
    for _ in range(5):
        response = client.post("/accounts/login/", {"login": member.email, "password": "wrong"})
        assert response.status_code == 200
    # Even the right password is refused now, with a message that says why.
    response = client.post(
        "/accounts/login/",
        {"login": member.email, "password": "a-long-test-password"},
        HTTP_ACCEPT_LANGUAGE="it",
    )
    assert "Troppi tentativi di accesso" in response.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_signup_lists_matching_organisations_without_javascript(client, site_tree):
    from tests.factories import OrganisationFactory

    cesena = OrganisationFactory(name="Comune di Cesena", slug="comune-di-cesena")
    OrganisationFactory(name="Comune di Monza", slug="comune-di-monza")
    html = client.get("/accounts/signup/", {"q": "cesena"}).content.decode()
    assert f'name="organisation" id="organisation-{cesena.pk}" value="{cesena.pk}"' in html
    assert "Comune di Monza" not in html


@pytest.mark.django_db
def test_signup_with_an_unknown_organisation_saves_nothing(client, site_tree):
    response = client.post(
        "/accounts/signup/",
        {
            "organisation": "424242",
            "role_category": "mayor",
            "full_name": "Anna Verdi",
            "email": "anna@comune.example.it",
            "password1": "una-password-lunga-42",
            "password2": "una-password-lunga-42",
        },
    )
    assert response.status_code == 200
    assert "non è nel registro" in response.content.decode()
    assert User.objects.count() == 0
