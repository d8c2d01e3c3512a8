"""The API's ways in, beside the session: `Authorization: Bearer <token>` with a personal API
token, and none at all for a visitor who only reads.

With a token the request acts as the token's person, in their language and time zone; a
read-only token may not change anything, and a token made for one partnership finds no other
(`access.partnership_for`). A visitor (no token, no session) may read, and reads what is
public only: every endpoint asks `access.partnership_for`, which finds nothing for a visitor
unless the endpoint says it serves visitors (decision 0023); any change asks to sign in (401)."""

from django.conf import settings
from django.utils.translation import gettext as _
from ninja.security import HttpBearer, SessionAuth

from pobratym.accounts.middleware import use_preferences
from pobratym.core.errors import DomainError

from .api_tokens import api_token_of, api_token_used
from .models import ApiToken

READING = frozenset({"GET", "HEAD", "OPTIONS"})


class TokenRefused(DomainError):
    status = 401


class ReadOnlyToken(DomainError):
    status = 403


class TokenAuth(HttpBearer):
    def authenticate(self, request, token: str) -> ApiToken:
        found = api_token_of(token)
        if found is None:
            # Unknown or revoked: refused here, not handed on to the session.
            raise TokenRefused("unauthenticated", _("This API token is unknown or was revoked."))
        use_preferences(request, found.user)
        if request.method not in READING and not found.writes:
            raise ReadOnlyToken(
                "forbidden", _("This API token may only read. Make one that may also write.")
            )
        request.user = found.user
        api_token_used(token=found)
        return found


token_auth = TokenAuth()


class Visitor:
    """What `request.auth` holds for a visitor: nobody in particular."""

    def __bool__(self) -> bool:
        return True


VISITOR = Visitor()


def visitor_auth(request) -> Visitor | None:
    """The last way in: reading without a token or a session. Anything else is refused with
    401 by the API, as before, and so is any Authorization header that is not a token's: a
    program that meant to sign in is told it did not."""
    if request.method not in READING or "HTTP_AUTHORIZATION" in request.META:
        return None
    return VISITOR


class BrowserSession(SessionAuth):
    """The session of the browser, as on the pages. Its CSRF check needs a session to protect:
    a request without the session cookie (a program, a visitor) passes on to the next way in,
    so a change without a session or token is told to sign in (401), not to reload a page."""

    def _get_key(self, request):
        if settings.SESSION_COOKIE_NAME not in request.COOKIES:
            return None
        return super()._get_key(request)


session_auth = BrowserSession()
