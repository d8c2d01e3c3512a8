"""Small pages of our own: the root redirect, a health check, and the answer when the
database cannot be reached."""

import sys

from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import HttpRequest, HttpResponse, HttpResponseServerError, JsonResponse
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.csrf import requires_csrf_token
from django.views.decorators.http import require_GET


@require_GET
def root(request: HttpRequest) -> HttpResponse:
    """Send a visitor to their language: their saved preference, else the browser's."""
    language = getattr(request.user, "language", "") or translation.get_language_from_request(
        request
    )
    with translation.override(language):
        # The home of that language: My work, or the start page for visitors.
        return redirect("home")


@require_GET
def health(request: HttpRequest) -> JsonResponse:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


# The database restarting, unreachable or dropping the connection: not a fault of the page.
UNAVAILABLE = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 30


def database_unavailable() -> bool:
    """Whether the error being handled is the database being away."""
    error = sys.exc_info()[1]
    return isinstance(error, UNAVAILABLE) or (
        isinstance(error, DatabaseError) and isinstance(error.__cause__, UNAVAILABLE)
    )


@requires_csrf_token
def server_error(request: HttpRequest) -> HttpResponse:
    """handler500: a database that is away answers 503 "try again in a moment", anything else
    500. Rendered without the request's context: its processors would ask the database again.
    Django closes the broken connection after the response; the next request opens a new one."""
    if database_unavailable():
        return unavailable(request)
    return HttpResponseServerError(render_to_string("500.html"))


def unavailable(request: HttpRequest) -> HttpResponse:
    """503 with Retry-After: a page, or for the API the JSON error every answer has."""
    if request.path.startswith("/api/"):
        response = JsonResponse(
            {"code": "unavailable", "message": _("Please try again in a moment.")}, status=503
        )
    else:
        response = HttpResponse(render_to_string("503.html"), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response
