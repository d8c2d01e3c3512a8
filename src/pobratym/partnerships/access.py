"""What every page and endpoint of a partnership asks first: the partnership, if the person may
act there. Domains call this; it is the one place that turns a slug into a partnership."""

from pobratym.core.errors import require

from . import selectors


def partnership_for(request, slug: str, permission: str = "partnerships.view_partnership"):
    """The partnership (404 for people outside it), if the person may do `permission` there."""
    partnership = selectors.partnership_get(viewer=request.user, slug=slug)
    require(request.user, permission, partnership)
    return partnership
