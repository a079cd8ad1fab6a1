"""Toolbox files: only PDF, ODT, DOCX, XLSX, CSV (and ODS), checked by content and size,
in the Wagtail document upload forms."""

import io
import tracemalloc
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.documents import get_document_model
from wagtail.documents.forms import get_document_form

from practices.documents import (
    MEMBER_READ_LIMIT,
    check_document_file,
    max_document_size,
    read_member_head,
)
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


# --- Zip bombs: the checks read a few KB, whatever the archive claims --------------------------


@pytest.fixture(scope="module")
def odt_bomb() -> bytes:
    """A valid-looking .odt of about 2 MB whose ``mimetype`` member inflates to 512 MiB (the
    right mime type followed by spaces, which the old check stripped and accepted)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        with zf.open("mimetype", "w", force_zip64=True) as member:
            member.write(b"application/vnd.oasis.opendocument.text")
            chunk = b" " * (1 << 20)
            for _ in range(512):
                member.write(chunk)
        zf.writestr("content.xml", b"<x/>")
    return buffer.getvalue()


def _peak_memory(call) -> int:
    tracemalloc.start()
    try:
        call()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_an_odt_that_inflates_hugely_is_refused_and_memory_stays_small(odt_bomb):
    assert len(odt_bomb) < max_document_size()
    uploaded = SimpleUploadedFile("bomba.odt", odt_bomb)
    errors = []

    def check():
        try:
            check_document_file(uploaded)
        except ValidationError as error:
            errors.append(error)

    peak = _peak_memory(check)
    assert [error.code for error in errors] == ["file_abnormal_archive"]
    assert "zip bomb" in errors[0].messages[0]
    assert peak < 2 * 1024 * 1024, peak


def test_the_form_says_why_a_zip_bomb_is_refused_in_italian(odt_bomb):
    form = upload("bomba.odt", odt_bomb)
    assert not form.is_valid()
    assert "in modo anomalo" in " ".join(form.errors["file"])


def test_a_member_is_read_only_a_few_kilobytes_whatever_it_claims(odt_bomb):
    """Even past the size check (a directory that lies), one read inflates at most 4 KB."""
    with zipfile.ZipFile(io.BytesIO(odt_bomb)) as archive:
        head = []
        peak = _peak_memory(lambda: head.append(read_member_head(archive, "mimetype")))
    assert len(head[0]) == MEMBER_READ_LIMIT
    assert peak < 512 * 1024, peak


def test_an_archive_with_thousands_of_members_is_refused():
    entries = {"mimetype": b"application/vnd.oasis.opendocument.text"}
    entries.update({f"Pictures/{n}.xml": b"" for n in range(5_001)})
    form = upload("molti.odt", zip_bytes(entries))
    assert not form.is_valid()
    assert "in modo anomalo" in " ".join(form.errors["file"])


def test_a_compressible_but_small_document_is_accepted():
    """A real spreadsheet full of empty cells expands a lot, but only to a few MB."""
    rows = b"<row><c/></row>" * 200_000
    xlsx = io.BytesIO()
    with zipfile.ZipFile(xlsx, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", b"<x/>")
        archive.writestr("xl/worksheets/sheet1.xml", rows)
    form = upload("vuoto.xlsx", xlsx.getvalue())
    assert form.is_valid(), form.errors
