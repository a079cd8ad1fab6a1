"""Organisation pages, member management, profile and personal data, with table-driven
permission checks and query-count pins."""

import json

import pytest
from django.urls import reverse

from members.models import Membership, User
from tests.factories import OrganisationFactory, UserFactory
from tests.members.conftest import make_member
from tests.members.factories import MembershipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def pending(cesena):
    return MembershipFactory(organisation=cesena, status=Membership.Status.PENDING)


MANAGE_URLS = [
    ("get", "members:members", False),
    ("post", "members:confirm", True),
    ("post", "members:reject", True),
    ("post", "members:role", True),
    ("post", "members:remove", True),
]


def _url(name, slug, pk, with_pk):
    kwargs = {"slug": slug, **({"pk": pk} if with_pk else {})}
    return reverse(name, kwargs=kwargs)


@pytest.mark.parametrize(("method", "name", "with_pk"), MANAGE_URLS)
@pytest.mark.parametrize(
    ("who", "expected"),
    [("anonymous", 302), ("member", 403), ("editor", 403), ("other_admin", 403)],
)
def test_member_management_is_for_admins(
    client, site_tree, cesena, monza, pending, method, name, with_pk, who, expected
):
    users = {
        "member": lambda: make_member(cesena),
        "editor": lambda: make_member(cesena, role="editor"),
        "other_admin": lambda: make_member(monza, role="admin"),
    }
    if who != "anonymous":
        client.force_login(users[who]())
    response = getattr(client, method)(
        _url(name, cesena.slug, pending.pk, with_pk), {"role": "editor"}
    )
    assert response.status_code == expected
    if expected == 302:
        assert response["Location"].startswith(reverse("account_login"))
    pending.refresh_from_db()
    assert pending.status == Membership.Status.PENDING


@pytest.mark.parametrize(("method", "name", "with_pk"), MANAGE_URLS[1:])
def test_another_organisations_membership_is_404(
    client, site_tree, cesena, monza, method, name, with_pk
):
    client.force_login(make_member(cesena, role="admin"))
    other = MembershipFactory(organisation=monza, status=Membership.Status.PENDING)
    response = client.post(_url(name, cesena.slug, other.pk, True), {"role": "editor"})
    assert response.status_code == 404
    assert client.get(reverse("members:members", kwargs={"slug": "non-esiste"})).status_code == 404


def test_admin_confirms_and_changes_roles_on_the_site(client, site_tree, cesena, pending):
    client.force_login(make_member(cesena, role="admin"))
    page = client.get(reverse("members:members", kwargs={"slug": cesena.slug}))
    assert pending.user.email in page.content.decode()
    response = client.post(
        _url("members:confirm", cesena.slug, pending.pk, True), {"role": "editor"}
    )
    assert response.status_code == 302
    pending.refresh_from_db()
    assert (pending.status, pending.role) == ("confirmed", "editor")
    assert pending.user.groups.filter(name="Editors").exists()
    # A bad role is a 400, not a 500, and changes nothing.
    response = client.post(_url("members:role", cesena.slug, pending.pk, True), {"role": "x"})
    assert response.status_code == 400
    client.post(_url("members:role", cesena.slug, pending.pk, True), {"role": "member"})
    pending.refresh_from_db()
    assert pending.role == "member"
    assert not pending.user.groups.filter(name="Editors").exists()


def test_staff_manage_an_organisation_without_admin(client, site_tree, cesena, pending, staff):
    client.force_login(staff)
    client.post(_url("members:reject", cesena.slug, pending.pk, True))
    pending.refresh_from_db()
    assert pending.status == "rejected"


def test_public_organisation_page_shows_only_visible_members(
    client, site_tree, cesena, django_assert_max_num_queries
):
    visible = make_member(cesena)
    visible.visible_in_directory = True
    visible.job_title = "Funzionaria Ufficio Beni comuni"
    visible.save()
    hidden = make_member(cesena)
    from members.models import owned_page_models

    # One query for each kind of content the organisation may own, plus the page's own.
    with django_assert_max_num_queries(10 + len(owned_page_models())):
        response = client.get(cesena.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert visible.full_name in html and "Funzionaria Ufficio Beni comuni" in html
    assert hidden.full_name not in html
    assert client.get("/enti/non-esiste/").status_code == 404


def test_organisation_page_query_count_does_not_grow(client, site_tree, cesena):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count():
        with CaptureQueriesContext(connection) as ctx:
            client.get(cesena.get_absolute_url())
        return len(ctx)

    for _ in range(2):
        user = make_member(cesena)
        user.visible_in_directory = True
        user.save()
    count()  # warm the caches (site root, navigation)
    before = count()
    for _ in range(5):
        user = make_member(cesena)
        user.visible_in_directory = True
        user.save()
    assert count() == before


def test_directory_search_and_bad_input(client, site_tree, cesena, monza):
    for n in range(30):
        OrganisationFactory(name=f"Associazione {n}", kind="third_sector")
    response = client.get("/enti/", {"q": "cesena"})
    assert "Comune di Cesena" in response.content.decode()
    assert "Comune di Monza" not in response.content.decode()
    assert client.get("/enti/", {"kind": "third_sector", "page": "2"}).status_code == 200
    assert client.get("/enti/", {"kind": "nonsense"}).status_code == 400
    assert client.get("/enti/", {"q": "x" * 10_000}).status_code == 400
    assert client.get("/enti/", {"page": "abc"}).status_code == 400
    assert client.get("/enti/", {"q": "'\"*-:() NEAR %"}).status_code == 200
    assert client.get("/enti/", {"q": "a\x00b"}).status_code == 400


def test_organisation_choices_fragment(client, site_tree, cesena):
    response = client.get("/enti/scelta/", {"q": "Cese"})
    assert f'value="{cesena.pk}"' in response.content.decode()
    assert "Nessun ente" in client.get("/enti/scelta/", {"q": "zzz"}).content.decode()


@pytest.mark.parametrize(
    "name",
    [
        "members:profile",
        "members:profile_organisation",
        "members:my_data",
        "members:delete_account",
    ],
)
def test_profile_pages_need_login(client, site_tree, name):
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_profile_edit_and_language_cookie(client, site_tree, cesena):
    user = make_member(cesena)
    client.force_login(user)
    assert client.get(reverse("members:profile")).status_code == 200
    response = client.post(
        reverse("members:profile"),
        {
            "full_name": "  Anna  Verdi ",
            "role_category": "officer",
            "job_title": "Funzionaria",
            "preferred_language": "en",
            "visible_in_directory": "on",
            "notify_reminders": "on",
        },
    )
    assert response.status_code == 302
    assert response.cookies["language"].value == "en"
    user.refresh_from_db()
    assert (user.full_name, user.first_name, user.last_name) == ("Anna Verdi", "Anna", "Verdi")
    assert user.visible_in_directory and not user.notify_communities
    response = client.post(
        reverse("members:profile"), {"full_name": "", "preferred_language": "xx"}
    )
    assert response.status_code == 200
    assert 'aria-invalid="true"' in response.content.decode()


def test_choose_organisation_from_profile_without_javascript(client, site_tree, cesena):
    user = UserFactory()
    client.force_login(user)
    page = client.get(reverse("members:profile_organisation"), {"q": "cesena"})
    assert f'value="{cesena.pk}"' in page.content.decode()
    response = client.post(reverse("members:profile_organisation"), {"organisation": "999999"})
    assert response.status_code == 200
    assert "non è nel registro" in response.content.decode()
    client.post(reverse("members:profile_organisation"), {"organisation": cesena.pk})
    assert Membership.objects.get(user=user).status == "pending"
    client.post(reverse("members:profile_organisation"), {"action": "leave"})
    assert Membership.objects.get(user=user).status == "ended"


def test_download_my_data(client, site_tree, cesena):
    user = make_member(cesena, role="editor")
    client.force_login(user)
    response = client.get(reverse("members:my_data"))
    assert response["Content-Disposition"].startswith("attachment")
    data = json.loads(response.content)
    assert data["account"]["email"] == user.email
    assert data["memberships"][0]["organisation"] == "Comune di Cesena"


def test_delete_account_needs_confirmation_and_keeps_decisions(client, site_tree, cesena):
    admin = make_member(cesena, role="admin")
    decided = MembershipFactory(organisation=cesena, decided_by=admin)
    client.force_login(admin)
    response = client.post(reverse("members:delete_account"), {})
    assert response.status_code == 200
    assert User.objects.filter(pk=admin.pk).exists()
    response = client.post(reverse("members:delete_account"), {"confirm": "on"})
    assert response.status_code == 302
    assert not User.objects.filter(pk=admin.pk).exists()
    decided.refresh_from_db()
    assert decided.decided_by is None
    assert "_auth_user_id" not in client.session


def _png_upload(name="logo.png", size=(20, 20)):
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", size, "blue").save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


@pytest.mark.parametrize(
    ("who", "expected"), [("anonymous", 302), ("member", 403), ("editor", 403)]
)
def test_organisation_edit_is_for_its_admin(client, site_tree, cesena, who, expected):
    if who != "anonymous":
        client.force_login(make_member(cesena, role=who))
    url = reverse("members:edit", kwargs={"slug": cesena.slug})
    assert client.get(url).status_code == expected
    assert client.post(url, {"description": "x"}).status_code == expected
    cesena.refresh_from_db()
    assert cesena.description == ""


def test_admin_updates_description_and_logo_with_validation(
    client, site_tree, cesena, settings, tmp_path
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    client.force_login(make_member(cesena, role="admin"))
    url = reverse("members:edit", kwargs={"slug": cesena.slug})
    bad = SimpleUploadedFile("logo.png", b"not an image at all", content_type="image/png")
    response = client.post(url, {"description": "Nuovo testo", "logo": bad})
    assert response.status_code == 200
    assert 'aria-invalid="true"' in response.content.decode()
    cesena.refresh_from_db()
    assert cesena.description == "" and not cesena.logo
    import io
    import os

    from PIL import Image

    buffer = io.BytesIO()
    Image.frombytes("RGB", (700, 700), os.urandom(700 * 700 * 3)).save(buffer, "PNG")
    assert buffer.tell() > 1024 * 1024
    big = SimpleUploadedFile("big.png", buffer.getvalue(), content_type="image/png")
    response = client.post(url, {"description": "Nuovo testo", "logo": big})
    assert "troppo grande" in response.content.decode()
    response = client.post(
        url,
        {
            "description": "Nuovo testo",
            "website": "https://www.comune.cesena.fc.it",
            "logo": _png_upload(),
        },
    )
    assert response.status_code == 302
    cesena.refresh_from_db()
    assert cesena.description == "Nuovo testo" and cesena.logo
    html = client.get(cesena.get_absolute_url()).content.decode()
    assert cesena.logo.url in html


def test_login_sets_the_preferred_language(client, site_tree):
    user = UserFactory(preferred_language="en")
    response = client.post(
        "/accounts/login/", {"login": user.email, "password": "a-long-test-password"}
    )
    assert response.status_code == 302
    assert response.cookies["language"].value == "en"
