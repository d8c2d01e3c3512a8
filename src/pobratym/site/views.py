"""The home page of each language: My work for a signed-in person, the start page for others."""

from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import get_language
from django.views.decorators.http import require_GET

from pobratym.core.alternates import page_meta
from pobratym.core.changes import remembered
from pobratym.partnerships.selectors import partnership_public_list
from pobratym.partnerships.work import named, work_for


@require_GET
def home(request):
    if not request.user.is_authenticated:
        key = f"start:{get_language()}:{timezone.localdate()}"
        body = remembered(key, _start_body)
        return render(request, "site/start.html", {"body": body, **page_meta(request, "home")})
    key = f"my-work:{request.user.pk}:{get_language()}:{timezone.localdate()}"
    body = remembered(key, lambda: _my_work_body(request))
    return render(request, "site/my_work.html", {"body": body})


def _start_body() -> str:
    """The partnerships' cards, the same for every visitor (no form, no person)."""
    context = {"partnerships": partnership_public_list()}
    return render_to_string("site/_start_body.html", context)


def _my_work_body(request) -> str:
    """The person's own list (no form in it), kept until anything is written (core.changes)
    or five minutes pass: an invitation expires with the clock alone."""
    items = named(work_for(request.user))
    return render_to_string("site/_my_work_body.html", {"items": items}, request=request)
