"""Checks on uploaded documents: only PDF, ODT/ODS, DOCX, XLSX and CSV, recognised by their
content (not only by the extension), and not larger than the limit.

Used as the base of Wagtail's document forms (``WAGTAILDOCS_DOCUMENT_FORM_BASE``), so the
single and the multiple upload of the admin both refuse a renamed executable or a 30 MB file.
"""

import zipfile

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


def _zip_matches(uploaded, extension: str) -> bool:
    try:
        with zipfile.ZipFile(uploaded) as archive:
            names = archive.namelist()
            if extension in OPENDOCUMENT_TYPES:
                return "mimetype" in names and (
                    archive.read("mimetype").strip() == OPENDOCUMENT_TYPES[extension]
                )
            folder = OOXML_FOLDERS[extension]
            return "[Content_Types].xml" in names and any(n.startswith(folder) for n in names)
    except (zipfile.BadZipFile, KeyError, OSError, EOFError):
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
        ok = head[:4] == b"PK\x03\x04" and _zip_matches(uploaded, extension)
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
