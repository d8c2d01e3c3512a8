"""Small pages of our own: the root redirect and a health check."""

from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.utils import translation
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
