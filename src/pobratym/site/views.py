"""The home page of each language: My work for a signed-in person, the start page for others."""

from django.shortcuts import render
from django.views.decorators.http import require_GET

from pobratym.core.alternates import page_meta
from pobratym.partnerships.selectors import partnership_public_list
from pobratym.partnerships.work import named, work_for


@require_GET
def home(request):
    if not request.user.is_authenticated:
        context = {"partnerships": partnership_public_list(), **page_meta(request, "home")}
        return render(request, "site/start.html", context)
    return render(request, "site/my_work.html", {"items": named(work_for(request.user))})
