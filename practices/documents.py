"""Checks on uploaded documents: only PDF, ODT/ODS, DOCX, XLSX and CSV, recognised by their
content (not only by the extension), and not larger than the limit.

Used as the base of Wagtail's document forms (``WAGTAILDOCS_DOCUMENT_FORM_BASE``), so the
single and the multiple upload of the admin both refuse a renamed executable or a 30 MB file.
"""

import zipfile
import zlib

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from wagtail.documents.forms import BaseDocumentForm

DEFAULT_MAX_SIZE = 20 * 1024 * 1024
OPENDOCUMENT_TYPES = {
    "odt": b"application/vnd.oasis.opendocument.text",
    "ods": b"application/vnd.oasis.opendocument.spreadsheet",
}
OOXML_FOLDERS = {"docx": "word/", "xlsx": "xl/"}
SNIFF_BYTES = 64 * 1024


def max_document_size() -> int:
    return getattr(settings, "WAGTAILDOCS_MAX_UPLOAD_SIZE", None) or DEFAULT_MAX_SIZE


def _is_csv(head: bytes) -> bool:
    if b"\x00" in head:
        return False
    for encoding in ("utf-8", "cp1252"):
        try:
            text = head.decode(encoding)
        except UnicodeDecodeError as error:
            # A multi-byte character cut at the end of the sample is fine.
            if encoding == "utf-8" and error.start >= len(head) - 3:
                text = head[: error.start].decode(encoding)
            else:
                continue
        printable = sum(ch.isprintable() or ch in "\r\n\t" for ch in text)
        return printable >= len(text) * 0.98
    return False


# An office document is a zip of XML: it expands a few times, rarely tens of times. A file that
# expands past 10 MiB a hundred times its size, or past 200 MiB at all, is a zip bomb whatever
# its content (small expansions are harmless, however compressible).
MEMBER_READ_LIMIT = 4 * 1024
MAX_ARCHIVE_MEMBERS = 5_000
MAX_EXPANDED_SIZE = 200 * 1024 * 1024
RATIO_CHECK_FROM = 10 * 1024 * 1024
MAX_EXPANSION_RATIO = 100


class AbnormalArchive(Exception):
    """The archive expands too much, or holds too many files, to be a real document."""


def read_member_head(archive: zipfile.ZipFile, name: str, limit: int = MEMBER_READ_LIMIT) -> bytes:
    """At most ``limit`` bytes of a member, decompressed: whatever its header claims, the
    worker never inflates more than that."""
    with archive.open(name) as member:
        return member.read(limit)


def check_archive_size(archive: zipfile.ZipFile, archive_size: int) -> None:
    """Refuse an archive whose members, as the directory declares them, are abnormal. The
    declared sizes may lie, which is why every read is bounded as well."""
    members = archive.infolist()
    if len(members) > MAX_ARCHIVE_MEMBERS:
        raise AbnormalArchive
    expanded = sum(info.file_size for info in members)
    if expanded > MAX_EXPANDED_SIZE:
        raise AbnormalArchive
    if expanded > RATIO_CHECK_FROM and expanded > MAX_EXPANSION_RATIO * max(archive_size, 1):
        raise AbnormalArchive


def _zip_matches(uploaded, extension: str) -> bool:
    """Whether the zip has the structure of ``extension``; raises AbnormalArchive for a bomb."""
    try:
        with zipfile.ZipFile(uploaded) as archive:
            check_archive_size(archive, uploaded.size or 0)
            names = archive.namelist()
            if extension in OPENDOCUMENT_TYPES:
                return "mimetype" in names and (
                    read_member_head(archive, "mimetype").strip() == OPENDOCUMENT_TYPES[extension]
                )
            folder = OOXML_FOLDERS[extension]
            return "[Content_Types].xml" in names and any(n.startswith(folder) for n in names)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, KeyError, OSError, EOFError, zlib.error):
        return False


def check_document_file(uploaded) -> None:
    """Raise a ValidationError (in the user's language) unless the file is an allowed document."""
    limit = max_document_size()
    if uploaded.size is not None and uploaded.size > limit:
        raise ValidationError(
            _("The file is too large (%(size)s): the limit is %(limit)s.")
            % {"size": filesizeformat(uploaded.size), "limit": filesizeformat(limit)},
            code="file_too_large",
        )
    name = uploaded.name or ""
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    allowed = ", ".join(e.upper() for e in settings.WAGTAILDOCS_EXTENSIONS)
    if extension not in settings.WAGTAILDOCS_EXTENSIONS:
        raise ValidationError(
            _("Only these file types are accepted: %(types)s.") % {"types": allowed},
            code="file_type",
        )
    uploaded.seek(0)
    head = uploaded.read(SNIFF_BYTES)
    uploaded.seek(0)
    if extension == "pdf":
        ok = head.lstrip()[:5] == b"%PDF-"
    elif extension == "csv":
        ok = _is_csv(head)
    else:
        try:
            ok = head[:4] == b"PK\x03\x04" and _zip_matches(uploaded, extension)
        except AbnormalArchive:
            uploaded.seek(0)
            raise ValidationError(
                _(
                    "The file expands abnormally when opened (it may be a so-called zip bomb): "
                    "it is not accepted. Save the document again from your office program."
                ),
                code="file_abnormal_archive",
            ) from None
        uploaded.seek(0)
    if not ok:
        raise ValidationError(
            _(
                "The content of the file is not a real %(type)s document: it may be another "
                "kind of file renamed. Accepted types: %(types)s."
            )
            % {"type": extension.upper(), "types": allowed},
            code="file_content",
        )


class CheckedDocumentForm(BaseDocumentForm):
    """Wagtail's document form with the content check above."""

    def clean_file(self):
        uploaded = self.cleaned_data.get("file")
        if uploaded and "file" in self.changed_data:
            check_document_file(uploaded)
        return uploaded
