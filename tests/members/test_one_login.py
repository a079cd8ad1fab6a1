"""One login: the Wagtail and Django admin logins hand over to allauth, so lockout, rate limits
and e-mail verification apply to every way in."""

import pytest

OLD_LOGINS = ["/admin/login/", "/django-admin/login/", "/_util/login/"]


@pytest.fixture
def editor(user_factory):
    return user_factory(email="editor@comune.example.it", is_staff=True, is_superuser=True)


@pytest.mark.django_db
@pytest.mark.parametrize("url", OLD_LOGINS)
def test_old_login_forms_redirect_to_allauth(client, site_tree, url):
    response = client.get(url + "?next=/admin/pages/")
    assert response.status_code in (302, 303)
    assert response["Location"].startswith("/accounts/login/")
    assert "next=%2Fadmin%2Fpages%2F" in response["Location"]


@pytest.mark.django_db
@pytest.mark.parametrize("url", OLD_LOGINS)
def test_a_post_to_the_old_login_urls_cannot_log_in(client, site_tree, editor, url):
    for field in ("username", "email", "login"):
        client.post(url, {field: editor.email, "password": "a-long-test-password"})
        assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_admin_sends_anonymous_people_to_the_allauth_login(client, site_tree):
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    response = client.get("/django-admin/", follow=True)
    assert response.redirect_chain[-1][0].startswith("/accounts/login/")


@pytest.mark.django_db
def test_admin_login_through_allauth_opens_the_admin(client, site_tree, editor):
    response = client.post(
        "/accounts/login/?next=/admin/",
        {"login": editor.email, "password": "a-long-test-password"},
    )
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


@pytest.mark.django_db
def test_unverified_account_cannot_reach_the_admin(client, site_tree, user_factory):
    from allauth.account.models import EmailAddress

    user = user_factory(email="nonverificata@comune.example.it", is_staff=True, is_superuser=True)
    EmailAddress.objects.filter(user=user).update(verified=False)
    client.post("/admin/login/", {"username": user.email, "password": "a-long-test-password"})
    client.post("/accounts/login/", {"login": user.email, "password": "a-long-test-password"})
    assert "_auth_user_id" not in client.session
    assert client.get("/admin/").status_code == 302


def test_frontend_login_for_private_pages_is_allauth(settings):
    assert settings.WAGTAIL_FRONTEND_LOGIN_URL == "/accounts/login/"
    assert settings.WAGTAILADMIN_LOGIN_URL == "/accounts/login/"
