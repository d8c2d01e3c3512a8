"""Documents people keep with a record: a PDF, PNG or JPEG as `uploads.clean_upload` checks
them, or an office document (DOCX, XLSX, PPTX, ODT, ODS, ODP) refused, like an unsafe PDF
(decision 0009), when it carries macros, other files, or content it loads from elsewhere.
What is stored is byte for byte what was uploaded; only its name is replaced."""

import io
import re
import uuid
import zipfile
from pathlib import PurePath

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.translation import gettext as _

from .errors import DomainError
from .uploads import clean_upload

ZIP_MAGIC = b"PK\x03\x04"

# The main part's content type in [Content_Types].xml, and what the file is then.
OOXML = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml": "docx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml": "xlsx",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml": "pptx",
}
ODF = {
    "application/vnd.oasis.opendocument.text": "odt",
    "application/vnd.oasis.opendocument.spreadsheet": "ods",
    "application/vnd.oasis.opendocument.presentation": "odp",
}
CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    **{extension: content_type for content_type, extension in ODF.items()},
}
# Parts that run code: VBA projects, Excel 4 macro sheets, ActiveX controls, ODF's Basic and
# scripts; and what a macro-enabled main part's content type says.
MACRO_PARTS = re.compile(
    r"(^|/)(vbaProject\.bin|vbaData\.xml|macrosheets/|activeX/|Basic/|Scripts/)"
)
# Parts that are other files: OLE objects and packages (OOXML), a foreign object stored as
# one binary part (ODF; its own charts and formulas are folders of ODF, and stay).
EMBEDDED_PARTS = re.compile(r"(^|/)embeddings/|(^|/)Object \d+$")
# A relationship to somewhere outside the file other than a hyperlink: a remote template,
# frame, picture or OLE object a viewer would fetch on opening.
EXTERNAL = re.compile(rb'TargetMode\s*=\s*["\']External["\']')
RELATIONSHIP = re.compile(rb"<Relationship\b[^>]*>")
HYPERLINK = re.compile(rb'Type\s*=\s*["\'][^"\']*/hyperlink["\']')
# Bounds against a zip bomb: parts we read are small XML, the whole stays near the upload.
MAX_PARTS = 5_000
MAX_INFLATED = 20
MAX_READ = 5 * 1024 * 1024


def _refuse_type() -> DomainError:
    return DomainError(
        "file_type",
        _(
            "Only PDF, PNG and JPEG files and office documents (DOCX, XLSX, PPTX, ODT, ODS, ODP) "
            "can be uploaded."
        ),
    )


def _unsafe(message: str) -> DomainError:
    return DomainError("office_unsafe", message)


def _read(archive: zipfile.ZipFile, name: str) -> bytes:
    with archive.open(name) as part:
        return part.read(MAX_READ)


def _kind(archive: zipfile.ZipFile, names: set[str]) -> str:
    """docx, xlsx, pptx, odt, ods or odp; refused as unsafe when the main part is one of
    the macro-enabled kinds, as another type when it is none of them."""
    if "mimetype" in names:
        kind = ODF.get(_read(archive, "mimetype").decode("ascii", "replace").strip())
    elif "[Content_Types].xml" in names:
        types = _read(archive, "[Content_Types].xml").decode("utf-8", "replace")
        if "macroEnabled" in types or "vbaProject" in types:
            raise _macros()
        kind = next((kind for main, kind in OOXML.items() if main in types), None)
    else:
        kind = None
    if kind is None:
        raise _refuse_type()
    return kind


def _macros() -> DomainError:
    return _unsafe(
        _(
            "This document contains macros. Save it as a document without macros or as a "
            "PDF, and upload that file."
        )
    )


def _loads_from_elsewhere(archive: zipfile.ZipFile, names: set[str]) -> bool:
    for name in names:
        if not name.endswith(".rels"):
            continue
        for relationship in RELATIONSHIP.findall(_read(archive, name)):
            if EXTERNAL.search(relationship) and not HYPERLINK.search(relationship):
                return True
    return False


def _clean_office(data: bytes) -> str:
    """The kind of a safe office document; DomainError for any other."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
            inflated = sum(info.file_size for info in infos)
            if len(infos) > MAX_PARTS or inflated > MAX_INFLATED * max(len(data), 1):
                raise _refuse_type()
            names = {info.filename for info in infos}
            kind = _kind(archive, names)
            if any(MACRO_PARTS.search(name) for name in names):
                raise _macros()
            if any(EMBEDDED_PARTS.search(name) for name in names) or _loads_from_elsewhere(
                archive, names
            ):
                raise _unsafe(
                    _(
                        "This document contains other files or loads content from elsewhere. "
                        "Save it as a PDF, and upload that file."
                    )
                )
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError) as error:
        raise _refuse_type() from error
    return kind


def clean_document(upload, *, field: str | None = None) -> SimpleUploadedFile:
    """Check an uploaded document and return it under a neutral name: an office document as
    uploaded, anything else through `clean_upload` (PDF, PNG, JPEG).

    Raises DomainError (`file_type`, `file_size`, `pdf_unsafe` or `office_unsafe`) at `field`.
    """
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if not head.startswith(ZIP_MAGIC):
        try:
            return clean_upload(upload, field=field)
        except DomainError as error:
            if error.code == "file_type":  # also the older .doc, .xls, .ppt we cannot check
                raise DomainError("file_type", _refuse_type().message, field=field) from error
            raise
    try:
        if upload.size > settings.POBRATYM_UPLOAD_MAX_BYTES:
            return clean_upload(upload)  # refused for its size, with the limit named
        data = upload.read()
        kind = _clean_office(data)
    except DomainError as error:
        error.field = field
        raise
    stem = PurePath(upload.name or "document").stem[:60] or "document"
    name = f"{stem}-{uuid.uuid4().hex[:8]}.{kind}"
    return SimpleUploadedFile(name, data, CONTENT_TYPES[kind])
