"""Uploads for tests: a real one-page PDF, made here rather than read from disk."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from pypdf import PdfWriter


def pdf_upload(name: str = "scan.pdf") -> SimpleUploadedFile:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    output = io.BytesIO()
    writer.write(output)
    return SimpleUploadedFile(name, output.getvalue(), content_type="application/pdf")
