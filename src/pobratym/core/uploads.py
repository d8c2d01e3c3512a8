"""Uploaded scans and photos: only PDF, PNG and JPEG, checked by content, no image metadata."""

import io
import uuid
from pathlib import PurePath

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError
from pypdf import PdfReader
from pypdf.errors import PyPdfError

from .errors import DomainError

ALLOWED = {"PNG": ("png", "image/png"), "JPEG": ("jpg", "image/jpeg")}
Image.MAX_IMAGE_PIXELS = 50_000_000  # a decompression bomb is refused, not decoded


def _refuse() -> DomainError:
    return DomainError("file_type", _("Only PDF, PNG and JPEG files can be uploaded."))


def _clean_pdf(data: bytes) -> bytes:
    try:
        reader = PdfReader(io.BytesIO(data))
        if len(reader.pages) == 0:
            raise _refuse()
    except (PyPdfError, ValueError, OSError) as error:
        raise _refuse() from error
    return data


def _clean_image(data: bytes) -> tuple[bytes, str]:
    """Decode and re-encode the pixels only: EXIF, GPS and comments stay behind."""
    try:
        with Image.open(io.BytesIO(data)) as image:
            if image.format not in ALLOWED:
                raise _refuse()
            image_format = image.format
            image.load()
            upright = ImageOps.exif_transpose(image)
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError, SyntaxError) as error:
        raise _refuse() from error
    if image_format == "JPEG" and upright.mode not in ("RGB", "L"):
        upright = upright.convert("RGB")
    output = io.BytesIO()
    upright.save(output, format=image_format, **({"quality": 90} if image_format == "JPEG" else {}))
    return output.getvalue(), image_format


def clean_upload(upload) -> SimpleUploadedFile:
    """Check an uploaded file and return a safe copy with a neutral name.

    Raises DomainError (code `file_type` or `file_size`) with a translated message.
    """
    limit = settings.POBRATYM_UPLOAD_MAX_BYTES
    if upload.size > limit:
        raise DomainError(
            "file_size",
            _("The file is larger than %(limit)s.") % {"limit": filesizeformat(limit)},
        )
    upload.seek(0)
    data = upload.read()
    stem = PurePath(upload.name or "scan").stem[:60] or "scan"
    name = f"{stem}-{uuid.uuid4().hex[:8]}"
    if data.startswith(b"%PDF-"):
        return SimpleUploadedFile(f"{name}.pdf", _clean_pdf(data), "application/pdf")
    cleaned, image_format = _clean_image(data)
    extension, content_type = ALLOWED[image_format]
    return SimpleUploadedFile(f"{name}.{extension}", cleaned, content_type)
