"""Toolbox files: only PDF, ODT, DOCX, XLSX, CSV (and ODS), checked by content and size,
in the Wagtail document upload forms."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.documents import get_document_model
from wagtail.documents.forms import get_document_form

from tests.practices.factories import MINIMAL_PDF

pytestmark = pytest.mark.django_db


def zip_bytes(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


ODT = zip_bytes({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<x/>"})
DOCX = zip_bytes({"[Content_Types].xml": b"<x/>", "word/document.xml": b"<x/>"})
XLSX = zip_bytes({"[Content_Types].xml": b"<x/>", "xl/workbook.xml": b"<x/>"})
CSV = "comune;presenze\nCesena;52400\nForlì;12000\n".encode()
EXE = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 200


def upload(name: str, content: bytes):
    form_class = get_document_form(get_document_model())
    form = form_class(
        data={"title": name, "collection": _root_collection()},
        files={"file": SimpleUploadedFile(name, content)},
    )
    return form


def _root_collection():
    from wagtail.models import Collection

    return Collection.get_first_root_node().pk


@pytest.mark.parametrize(
    ("name", "content"),
    [("a.pdf", MINIMAL_PDF), ("a.odt", ODT), ("a.docx", DOCX), ("a.xlsx", XLSX), ("a.csv", CSV)],
)
def test_real_documents_are_accepted(name, content):
    form = upload(name, content)
    assert form.is_valid(), form.errors


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("programma.pdf", EXE),
        ("tabella.xlsx", DOCX),
        ("testo.docx", ODT),
        ("testo.odt", b"PK\x03\x04 not really a zip"),
        ("dati.csv", EXE),
        ("script.exe", EXE),
        ("pagina.html", b"<script>alert(1)</script>"),
    ],
)
def test_renamed_or_disallowed_files_are_refused_with_a_message(name, content):
    form = upload(name, content)
    assert not form.is_valid()
    assert form.errors["file"]


def test_a_30_mb_upload_is_refused_with_an_italian_message():
    big = MINIMAL_PDF + b"0" * (30 * 1024 * 1024)
    form = upload("grande.pdf", big)
    assert not form.is_valid()
    assert "troppo grande" in " ".join(form.errors["file"]).lower()


def test_the_admin_upload_refuses_an_executable(client, site_tree, user_factory):
    admin = user_factory(is_staff=True, is_superuser=True)
    client.force_login(admin)
    response = client.post(
        "/admin/documents/add/",
        {
            "title": "Virus",
            "collection": _root_collection(),
            "file": SimpleUploadedFile("avviso.pdf", EXE),
        },
    )
    assert response.status_code == 200
    assert get_document_model().objects.count() == 0
