"""The Wagtail admin works with the e-mail-based user model."""

import pytest


@pytest.fixture
def staff(db):
    from core.demo import ensure_site_tree
    from members.demo_accounts import DEMO_ACCOUNTS, ensure_account

    ensure_site_tree()
    return ensure_account(DEMO_ACCOUNTS[0], is_staff=True, is_superuser=True)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "/admin/",
        "/admin/pages/",
        "/admin/users/",
        "/admin/snippets/practices/theme/",
        "/django-admin/",
    ],
)
def test_staff_can_open_admin_pages(client, staff, url):
    client.force_login(staff)
    assert client.get(url).status_code == 200


@pytest.mark.django_db
def test_anonymous_is_sent_to_the_one_login(client, site_tree):
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


@pytest.mark.django_db
def test_member_without_admin_access_is_refused(client, member, site_tree):
    client.force_login(member)
    response = client.get("/admin/")
    assert response.status_code in (302, 403)
