"""What every page and endpoint of a partnership asks first: the partnership, if the person may
act there. Domains call this; it is the one place that turns a slug into a partnership, and so
the one place that holds an API token to the partnership it was made for, and the one place
that lets a visitor (no session, no token) in to what is public of a partnership."""

from django.http import Http404

from pobratym.core.errors import require

from . import selectors
from .models import ApiToken


def token_partnership_id(request) -> int | None:
    """The partnership the request's API token is limited to (None: no token, or one for
    all the person's partnerships)."""
    token = getattr(request, "auth", None)
    return token.partnership_id if isinstance(token, ApiToken) else None


def is_visitor(request) -> bool:
    """A request with neither a session nor an API token: it reads what is public only."""
    return not request.user.is_authenticated


def partnership_for(
    request,
    slug: str,
    permission: str = "partnerships.view_partnership",
    *,
    visitors: bool = False,
):
    """The partnership (404 for people outside it, and for a token made for another one),
    if the person may do `permission` there. With `visitors`, a visitor gets the partnership
    if the public portal shows it (an active one), and the caller reads only its public
    records; without, a visitor finds nothing (404), as an outsider does."""
    if is_visitor(request):
        public = selectors.partnership_public_list().filter(slug=slug) if visitors else None
        partnership = public.first() if public is not None else None
        if partnership is None:
            raise Http404
        return partnership
    partnership = selectors.partnership_get(viewer=request.user, slug=slug)
    limited_to = token_partnership_id(request)
    if limited_to is not None and limited_to != partnership.pk:
        raise Http404
    require(request.user, permission, partnership)
    return partnership
