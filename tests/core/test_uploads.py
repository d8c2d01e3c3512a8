"""Uploads are checked by their content, limited in size, and images lose their metadata."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from pypdf import PdfWriter

from pobratym.core.errors import DomainError
from pobratym.core.uploads import clean_upload

GPS = 0x8825


def upload(data: bytes, name: str = "scan.bin") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data)


def pdf_bytes() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
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


def test_files_above_the_configured_size_are_refused(settings):
    settings.POBRATYM_UPLOAD_MAX_BYTES = 100
    with pytest.raises(DomainError) as caught:
        clean_upload(upload(pdf_bytes()))
    assert caught.value.code == "file_size"
    assert "100" in caught.value.message
