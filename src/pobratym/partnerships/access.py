"""What every page and endpoint of a partnership asks first: the partnership, if the person may
act there. Domains call this; it is the one place that turns a slug into a partnership, and so
the one place that holds an API token to the partnership it was made for."""

from django.http import Http404

from pobratym.core.errors import require

from . import selectors
from .models import ApiToken


def token_partnership_id(request) -> int | None:
    """The partnership the request's API token is limited to (None: no token, or one for
    all the person's partnerships)."""
    token = getattr(request, "auth", None)
    return token.partnership_id if isinstance(token, ApiToken) else None


def partnership_for(request, slug: str, permission: str = "partnerships.view_partnership"):
    """The partnership (404 for people outside it, and for a token made for another one),
    if the person may do `permission` there."""
    partnership = selectors.partnership_get(viewer=request.user, slug=slug)
    limited_to = token_partnership_id(request)
    if limited_to is not None and limited_to != partnership.pk:
        raise Http404
    require(request.user, permission, partnership)
    return partnership
