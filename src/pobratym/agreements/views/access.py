"""What every agreements and letters page asks first: the partnership, if the person may act
there; and the protected scans, sent only after such a check."""

from pathlib import PurePath

from django.http import FileResponse, Http404

from pobratym.core.errors import require
from pobratym.partnerships import selectors as partnership_selectors


def partnership_for(request, slug: str, permission: str):
    """The partnership (404 for people outside it), if the person may do `permission` there."""
    partnership = partnership_selectors.partnership_get(viewer=request.user, slug=slug)
    require(request.user, permission, partnership)
    return partnership


def private_file(field_file) -> FileResponse:
    """A stored scan for this person only: never cached, 404 when the record has no file or
    the file has gone from storage."""
    if not field_file:
        raise Http404
    try:
        opened = field_file.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    response = FileResponse(opened, filename=PurePath(field_file.name).name)
    response["Cache-Control"] = "private, no-store"
    return response
