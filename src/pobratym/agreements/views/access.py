"""What every agreements and letters page asks first: the partnership, if the person may act
there."""

from pobratym.core.errors import require
from pobratym.partnerships import selectors as partnership_selectors


def partnership_for(request, slug: str, permission: str):
    """The partnership (404 for people outside it), if the person may do `permission` there."""
    partnership = partnership_selectors.partnership_get(viewer=request.user, slug=slug)
    require(request.user, permission, partnership)
    return partnership
