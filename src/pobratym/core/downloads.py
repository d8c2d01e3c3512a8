"""Stored uploads sent back, after the caller's permission check, as downloads only."""

import mimetypes
from pathlib import PurePath

from django.http import FileResponse, Http404

# Photos (re-encoded on upload, see uploads.py) may be shown in a page with <img>.
INLINE_TYPES = {"image/png", "image/jpeg"}


def private_file(field_file, *, inline_image: bool = False) -> FileResponse:
    """A stored scan, photo or attachment for this person only: never cached, never rendered
    by the browser as a page of ours (a download, and no guessing of its type), except a PNG or
    JPEG asked for `inline_image`; 404 when the record has no file or it has gone from storage."""
    if not field_file:
        raise Http404
    try:
        opened = field_file.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    name = PurePath(field_file.name).name
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    response = FileResponse(
        opened,
        as_attachment=not (inline_image and content_type in INLINE_TYPES),
        filename=name,
        content_type=content_type,
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
