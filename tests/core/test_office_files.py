"""Documents kept with a record: office files are stored as uploaded unless they carry macros,
other files or content loaded from elsewhere; PDFs, PNGs and JPEGs go through the upload
checks; anything else is refused with the types that are accepted."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from pobratym.core.errors import DomainError
from pobratym.core.office_files import clean_document
from tests.core.test_uploads import pdf_bytes

WORD = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
WORD_MACROS = "application/vnd.ms-word.document.macroEnabled.main+xml"
HYPERLINK = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"
TEMPLATE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/attachedTemplate"


def _relationship(kind: str, target: str) -> str:
    return (
        f'<Relationship Id="r{abs(hash(target)) % 1000}" Type="{kind}" Target="{target}" '
        'TargetMode="External"/>'
    )


def docx(main: str = WORD, parts: dict | None = None, relationships: str = "") -> bytes:
    """A minimal word-processing document with `parts` added."""
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            f'content-types"><Override PartName="/word/document.xml" ContentType="{main}"/>'
            "</Types>",
        )
        archive.writestr("word/document.xml", "<w:document/>")
        archive.writestr(
            "word/_rels/document.xml.rels",
            '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/'
            f'package/2006/relationships">{relationships}</Relationships>',
        )
        for name, data in (parts or {}).items():
            archive.writestr(name, data)
    return output.getvalue()


def odt(parts: dict | None = None) -> bytes:
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", "<office:document-content/>")
        for name, data in (parts or {}).items():
            archive.writestr(name, data)
    return output.getvalue()


def refusal(data: bytes, name: str = "plan.docx") -> DomainError:
    with pytest.raises(DomainError) as caught:
        clean_document(SimpleUploadedFile(name, data), field="file")
    assert caught.value.field == "file"
    return caught.value


def test_an_office_document_is_kept_as_uploaded_under_a_neutral_name():
    data = docx(relationships=_relationship(HYPERLINK, "https://www.dortmund.de/"))
    cleaned = clean_document(SimpleUploadedFile("Projektplan.bin", data))
    assert cleaned.name.startswith("Projektplan-") and cleaned.name.endswith(".docx")
    assert cleaned.read() == data
    assert cleaned.content_type.endswith("wordprocessingml.document")
    assert clean_document(SimpleUploadedFile("bericht.odt", odt())).name.endswith(".odt")


def test_a_pdf_goes_through_the_upload_checks():
    assert clean_document(SimpleUploadedFile("plan.pdf", pdf_bytes())).name.endswith(".pdf")


@pytest.mark.parametrize(
    "data",
    [
        docx(main=WORD_MACROS, parts={"word/vbaProject.bin": b"\0"}),
        docx(parts={"word/vbaProject.bin": b"\0"}),
        odt(parts={"Basic/Standard/Module1.xml": "<script/>"}),
    ],
    ids=["macro_enabled", "hidden_vba_project", "odf_basic"],
)
def test_a_document_with_macros_is_refused(data):
    error = refusal(data)
    assert error.code == "office_unsafe" and "contains macros" in error.message


@pytest.mark.parametrize(
    "data",
    [
        docx(parts={"word/embeddings/oleObject1.bin": b"\0"}),
        docx(relationships=_relationship(TEMPLATE, "https://example.org/evil.dotm")),
        odt(parts={"Object 1": b"\0"}),
    ],
    ids=["embedded_object", "remote_template", "odf_foreign_object"],
)
def test_a_document_carrying_or_loading_other_files_is_refused(data):
    error = refusal(data)
    assert error.code == "office_unsafe" and "loads content from elsewhere" in error.message


@pytest.mark.parametrize(
    "data",
    [
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1 an old .doc",
        b"PK\x03\x04 not really a zip",
        b"plain text",
    ],
    ids=["old_binary_office", "broken_zip", "text"],
)
def test_anything_else_is_refused_with_the_accepted_types(data):
    error = refusal(data)
    assert error.code == "file_type" and "DOCX, XLSX, PPTX, ODT, ODS, ODP" in error.message


def test_a_zip_that_is_no_office_document_is_refused():
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w") as archive:
        archive.writestr("readme.txt", "hello")
    assert refusal(output.getvalue()).code == "file_type"


def test_a_zip_bomb_is_refused_unread():
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", WORD)
        archive.writestr("word/document.xml", b"\0" * 5_000_000)
    assert refusal(output.getvalue()).code == "file_type"
