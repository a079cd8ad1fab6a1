"""Documents follow their page: an upload is private until a live page anyone may see uses it.
Before that only who uploaded it, the editors of a page using it and staff may download it;
nothing but a PDF opens in the browser (an SVG or HTML file is always an attachment)."""

import pytest
from django.core.files.base import ContentFile
from wagtail.models import PageViewRestriction

from members.models import Membership
from members.setup import ensure_editorial_setup
from practices.models import ToolboxIndexPage, ToolFile, ToolPage
from tests.factories import OrganisationFactory, UserFactory
from tests.members.conftest import make_member
from tests.practices.factories import DocumentFactory, InstrumentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def cesena(db):
    return OrganisationFactory(name="Comune di Cesena", slug="comune-di-cesena")


@pytest.fixture
def staff(db):
    moderators, _editors = ensure_editorial_setup()
    user = UserFactory(email="staff@example.org")
    user.groups.add(moderators)
    return user


@pytest.fixture
def editor(cesena):
    return make_member(cesena, role=Membership.Role.EDITOR)


@pytest.fixture
def draft_tool(site_tree, cesena, editor):
    """An editor's tool page, saved as a draft only, with a file she uploaded."""
    page = ToolPage(
        title="Bozza di regolamento",
        instrument=InstrumentFactory(),
        organisation=cesena,
        description="<p>Da rivedere.</p>",
        live=False,
    )
    ToolboxIndexPage.objects.get().add_child(instance=page)
    document = DocumentFactory(title="Regolamento in bozza", uploaded_by_user=editor)
    ToolFile.objects.create(tool=page, document=document, label="Bozza")
    page.save_revision(user=editor)
    return page


def _status(client, document, user=None):
    client.logout()
    if user is not None:
        client.force_login(user)
    return client.get(document.url).status_code


def test_an_upload_for_a_draft_is_private_until_the_page_is_published(
    client, draft_tool, editor, cesena, staff
):
    document = draft_tool.files.get().document
    colleague = make_member(cesena, role=Membership.Role.EDITOR)
    outsider = make_member(OrganisationFactory(), role=Membership.Role.EDITOR)
    official = make_member(OrganisationFactory())

    assert _status(client, document) == 404
    assert _status(client, document, official) == 404
    assert _status(client, document, outsider) == 404
    assert _status(client, document, editor) == 200
    assert _status(client, document, colleague) == 200
    assert _status(client, document, staff) == 200

    draft_tool.get_latest_revision().publish()
    assert _status(client, document) == 200
    assert _status(client, document, outsider) == 200


def test_a_loose_upload_is_only_for_its_uploader_and_staff(client, editor, staff):
    document = DocumentFactory(title="Caricato e mai usato", uploaded_by_user=editor)
    assert _status(client, document) == 404
    assert _status(client, document, UserFactory()) == 404
    assert _status(client, document, editor) == 200
    assert _status(client, document, staff) == 200


def test_a_document_of_a_private_page_follows_the_page(client, draft_tool, editor):
    draft_tool.get_latest_revision().publish()
    PageViewRestriction.objects.create(page=draft_tool, restriction_type="login")
    document = draft_tool.files.get().document
    client.logout()
    response = client.get(document.url)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert _status(client, document, UserFactory()) == 200


def test_a_document_unpublished_with_its_page_is_private_again(client, draft_tool):
    draft_tool.get_latest_revision().publish()
    document = draft_tool.files.get().document
    assert _status(client, document) == 200
    draft_tool.refresh_from_db()
    draft_tool.unpublish()
    assert _status(client, document) == 404


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("disegno.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
        ("pagina.html", b"<script>alert(1)</script>"),
        ("pagina.htm", b"<script>alert(1)</script>"),
    ],
)
def test_svg_and_html_are_never_served_inline(client, staff, name, content):
    document = DocumentFactory(file=ContentFile(content, name=name))
    client.force_login(staff)
    response = client.get(document.url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"


def test_a_pdf_opens_in_the_browser(client, staff):
    document = DocumentFactory()
    client.force_login(staff)
    assert client.get(document.url)["Content-Disposition"].startswith("inline")
