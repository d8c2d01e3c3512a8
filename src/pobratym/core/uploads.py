"""Uploaded scans and photos: only PDF, PNG and JPEG, checked by content, no image metadata,
no PDF that runs scripts, carries other files or hides data after its end (decision 0009)."""

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
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

from .errors import DomainError

ALLOWED = {"PNG": ("png", "image/png"), "JPEG": ("jpg", "image/jpeg")}
Image.MAX_IMAGE_PIXELS = 50_000_000  # a decompression bomb is refused, not decoded

# Names as pypdf reads them (`#xx` escapes already decoded), wherever they occur in the file.
SCRIPT_KEYS = {"/JS", "/JavaScript", "/AA", "/XFA"}
SCRIPT_ACTIONS = {"/JavaScript"}
EMBEDDED_KEYS = {"/EmbeddedFiles", "/EF"}
EMBEDDED_ACTIONS = {"/Launch", "/GoToE"}
EMBEDDED_TYPES = {"/EmbeddedFile"}
# What the PDF standard counts as white space may follow the last `%%EOF`; nothing else.
PDF_WHITESPACE = b" \t\r\n\f\0"


def _refuse() -> DomainError:
    return DomainError("file_type", _("Only PDF, PNG and JPEG files can be uploaded."))


def _resolved(value):
    return value.get_object() if isinstance(value, IndirectObject) else value


def _pdf_contents(reader: PdfReader) -> tuple[bool, bool]:
    """Whether any object of the file, reachable or not, is a script or an embedded file.

    Every object in the cross-reference table and in object streams is read, not only those a
    viewer reaches from the catalogue: a repaired or lenient viewer may find the others."""
    pending: list = [reader.trailer]
    pending += [
        IndirectObject(number, generation, reader)
        for generation, numbers in reader.xref.items()
        for number in numbers
    ]
    pending += [IndirectObject(number, 0, reader) for number in reader.xref_objStm]
    seen: set[tuple[int, int]] = set()
    scripts = embedded = False
    while pending and not (scripts and embedded):
        item = pending.pop()
        if isinstance(item, IndirectObject):
            if (item.idnum, item.generation) in seen:
                continue
            seen.add((item.idnum, item.generation))
            item = item.get_object()
        if isinstance(item, DictionaryObject):
            action = _resolved(item.get("/S"))
            scripts |= bool(SCRIPT_KEYS & item.keys()) or action in SCRIPT_ACTIONS
            embedded |= (
                bool(EMBEDDED_KEYS & item.keys())
                or action in EMBEDDED_ACTIONS
                or _resolved(item.get("/Type")) in EMBEDDED_TYPES
            )
            pending.extend(item.values())
        elif isinstance(item, ArrayObject):
            pending.extend(item)
    return scripts, embedded


def _clean_pdf(data: bytes) -> bytes:
    """Refuse, rather than rewrite, a PDF with active or hidden content (decision 0009)."""
    try:
        reader = PdfReader(io.BytesIO(data))
        if len(reader.pages) == 0:
            raise _refuse()
        scripts, embedded = _pdf_contents(reader)
    except (PyPdfError, ValueError, OSError, RecursionError) as error:
        raise _refuse() from error
    end = data.rfind(b"%%EOF")
    if end < 0:
        raise _refuse()
    if scripts:
        message = _(
            "This PDF contains scripts. Print it to a new PDF or scan the paper again, "
            "and upload that file."
        )
    elif embedded:
        message = _(
            "This PDF contains other files or opens them. Print it to a new PDF or scan the "
            "paper again, and upload that file."
        )
    elif data[end + len(b"%%EOF") :].strip(PDF_WHITESPACE):
        message = _(
            "This PDF has data after its end. Print it to a new PDF or scan the paper again, "
            "and upload that file."
        )
    else:
        return data
    raise DomainError("pdf_unsafe", message)


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


def clean_upload(upload, *, field: str | None = None) -> SimpleUploadedFile:
    """Check an uploaded file and return a safe copy with a neutral name.

    Raises DomainError (code `file_type`, `file_size` or `pdf_unsafe`) with a translated
    message, at `field`: the name the caller gives the file, where a form shows the refusal.
    """
    try:
        return _cleaned(upload)
    except DomainError as error:
        error.field = field
        raise


def _cleaned(upload) -> SimpleUploadedFile:
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


def clean_photo(upload, *, field: str | None = None) -> SimpleUploadedFile:
    """`clean_upload` for a photo: a PNG or JPEG only, re-encoded without its metadata."""
    cleaned = clean_upload(upload, field=field)
    if cleaned.content_type not in {content_type for _ext, content_type in ALLOWED.values()}:
        raise DomainError("file_type", _("A photo can only be a PNG or JPEG file."), field=field)
    return cleaned
