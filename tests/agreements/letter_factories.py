"""Letters and scan files for the tests of the letters register."""

import io
import itertools
from datetime import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image
from pypdf import PdfWriter

from pobratym.agreements.models import Letter
from pobratym.agreements.services import letters as services

_numbers = itertools.count(1)


def letter_fields(**fields) -> dict:
    """What the register form asks for, with plausible values."""
    return {
        "direction": Letter.Direction.OUTGOING,
        "registration_number": f"31/{next(_numbers)}",
        "registered_at": timezone.now(),
        "file_index": "0.01-30",
        "sender": "Mayor of the first city",
        "addressee": "Lord Mayor of the second city",
        "subject": "Proposal to conclude a twinning agreement",
        "letter_language": "en",
        **fields,
    }


def letter_register(partnership, by, **fields) -> Letter:
    return services.letter_register(partnership=partnership, by=by, **letter_fields(**fields))


def at(year, month, day, hour=12, minute=0) -> datetime:
    return timezone.make_aware(datetime(year, month, day, hour, minute))


def pdf_upload(name: str = "letter.pdf") -> SimpleUploadedFile:
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    output = io.BytesIO()
    writer.write(output)
    return SimpleUploadedFile(name, output.getvalue(), "application/pdf")


def jpeg_with_gps(name: str = "photo.jpg") -> SimpleUploadedFile:
    """A JPEG whose EXIF names the camera and where the photo was taken."""
    image = Image.new("RGB", (16, 16), "navy")
    exif = Image.Exif()
    exif[0x0110] = "Pocket camera"  # Model
    exif.get_ifd(0x8825).update({1: "N", 2: (50.0, 15.0, 0.0), 3: "E", 4: (28.0, 39.0, 0.0)})
    output = io.BytesIO()
    image.save(output, format="JPEG", exif=exif)
    return SimpleUploadedFile(name, output.getvalue(), "image/jpeg")
