"""Uploads are checked by their content, limited in size, and images lose their metadata."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from pypdf import PdfWriter
from pypdf.actions import JavaScript
from pypdf.generic import DictionaryObject, NameObject, TextStringObject

from pobratym.core.errors import DomainError
from pobratym.core.uploads import clean_upload

GPS = 0x8825


def upload(data: bytes, name: str = "scan.bin") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data)


def pdf_bytes(change=None) -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    if change:
        change(writer)
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()


def jpeg_with_gps() -> bytes:
    exif = Image.Exif()
    exif[0x010F] = "Camera maker"
    exif[GPS] = {1: "N", 2: (50.0, 15.0, 0.0), 3: "E", 4: (28.0, 39.0, 0.0)}
    output = io.BytesIO()
    Image.new("RGB", (20, 10), "red").save(output, format="JPEG", exif=exif)
    return output.getvalue()


def test_a_pdf_is_accepted_whatever_its_name():
    cleaned = clean_upload(upload(pdf_bytes(), "Schreiben.docx"))
    assert cleaned.name.endswith(".pdf") and cleaned.name.startswith("Schreiben-")
    assert cleaned.read().startswith(b"%PDF-")


def test_gps_and_exif_are_removed_from_photos():
    original = jpeg_with_gps()
    assert Image.open(io.BytesIO(original)).getexif().get_ifd(GPS)
    cleaned = clean_upload(upload(original, "photo.jpg"))
    image = Image.open(io.BytesIO(cleaned.read()))
    assert image.format == "JPEG"
    assert dict(image.getexif()) == {}
    assert image.size == (20, 10)


def test_png_stays_png():
    output = io.BytesIO()
    Image.new("RGBA", (4, 4)).save(output, format="PNG")
    assert clean_upload(upload(output.getvalue())).name.endswith(".png")


@pytest.mark.parametrize(
    ("data", "name"),
    [
        (b"just some text", "letter.pdf"),
        (b"%PDF-1.7 but nothing after", "broken.pdf"),
        (b"GIF89a" + b"\0" * 20, "picture.png"),
        (b"<svg onload=alert(1)>", "scan.jpg"),
        (b"", "empty.pdf"),
    ],
)
def test_other_content_is_refused_with_a_clear_message(data, name):
    with pytest.raises(DomainError) as caught:
        clean_upload(upload(data, name))
    assert caught.value.code == "file_type"
    assert "PDF, PNG" in caught.value.message


def test_a_refusal_names_the_field_the_caller_gives_the_file():
    with pytest.raises(DomainError) as caught:
        clean_upload(upload(b"just some text", "scan.pdf"), field="scan")
    assert caught.value.field == "scan"


def test_files_above_the_configured_size_are_refused(settings):
    settings.POBRATYM_UPLOAD_MAX_BYTES = 100
    with pytest.raises(DomainError) as caught:
        clean_upload(upload(pdf_bytes()))
    assert caught.value.code == "file_size"
    assert "100" in caught.value.message


def open_action_script(writer: PdfWriter) -> None:
    writer.root_object[NameObject("/OpenAction")] = DictionaryObject(
        {
            NameObject("/S"): NameObject("/JavaScript"),
            NameObject("/JS"): TextStringObject("app.alert(1)"),
        }
    )


def page_action_script(writer: PdfWriter) -> None:
    writer.pages[0][NameObject("/AA")] = DictionaryObject(
        {NameObject("/O"): DictionaryObject({NameObject("/S"): NameObject("/GoTo")})}
    )


def launch_action(writer: PdfWriter) -> None:
    writer.root_object[NameObject("/OpenAction")] = DictionaryObject(
        {
            NameObject("/S"): NameObject("/Launch"),
            NameObject("/F"): TextStringObject("calc.exe"),
        }
    )


def unsafe_pdf_refusal(data: bytes) -> DomainError:
    with pytest.raises(DomainError) as caught:
        clean_upload(upload(data, "letter.pdf"))
    assert caught.value.code == "pdf_unsafe"
    assert "Print it to a new PDF" in caught.value.message
    return caught.value


@pytest.mark.parametrize(
    "script",
    [
        lambda writer: writer.add_open_action(JavaScript("app.alert(1)")),
        open_action_script,
        page_action_script,
    ],
    ids=["document_javascript", "open_action_javascript", "additional_actions"],
)
def test_a_pdf_with_scripts_is_refused(script):
    assert "scripts" in unsafe_pdf_refusal(pdf_bytes(script)).message


def test_a_script_is_found_under_an_escaped_name():
    """`/J#53` is `/JS` to a PDF viewer; a search for the bytes `/JS` would miss it."""
    data = pdf_bytes(open_action_script).replace(b"/JS ", b"/J#53 ")
    assert b"/JS " not in data
    assert "scripts" in unsafe_pdf_refusal(data).message


@pytest.mark.parametrize(
    "content",
    [lambda writer: writer.add_attachment("invoice.exe", b"MZ..."), launch_action],
    ids=["embedded_file", "launch_action"],
)
def test_a_pdf_carrying_or_opening_other_files_is_refused(content):
    assert "other files" in unsafe_pdf_refusal(pdf_bytes(content)).message


def test_a_pdf_with_data_after_its_end_is_refused():
    data = pdf_bytes() + b"<html><script>alert(1)</script></html>"
    assert "after its end" in unsafe_pdf_refusal(data).message


def test_white_space_after_the_end_of_a_pdf_is_accepted():
    data = pdf_bytes() + b"\r\n\0\n"
    assert clean_upload(upload(data, "letter.pdf")).read() == data


def test_a_pdf_that_opens_at_its_first_page_is_accepted():
    """Only scripts and files are refused: opening at a page is an ordinary PDF feature."""

    def first_page(writer: PdfWriter) -> None:
        writer.open_destination = writer.pages[0]

    data = pdf_bytes(first_page)
    assert b"/OpenAction" in data
    assert clean_upload(upload(data, "letter.pdf")).name.endswith(".pdf")
