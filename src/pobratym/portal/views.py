"""Portal pages for everyone (a partnership's portal, a news photo) and the members' news
pages (the list, a new post, a correction)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.sitemaps.views import sitemap
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from pobratym.aid.views.dashboard import SERIES, month_chart
from pobratym.core.alternates import page_meta
from pobratym.core.changes import kept_page, remembered
from pobratym.core.downloads import private_file
from pobratym.core.errors import require
from pobratym.core.forms import form_data, form_files, status_of, submit
from pobratym.partnerships.access import partnership_for

from . import selectors, services
from .forms import NewsPostCreateForm, NewsPostEditForm
from .sitemaps import SITEMAPS

PAGE_SIZE = 25


@require_GET
def sitemap_xml(request):
    """The sitemap of every public page (Django's), the same for everybody at this address,
    kept until anything is written."""

    def rendered() -> tuple[bytes, dict]:
        response = sitemap(request, sitemaps=SITEMAPS)
        response.render()
        return response.content, dict(response.items())

    content, headers = remembered(f"sitemap:{request.scheme}://{request.get_host()}", rendered)
    return HttpResponse(content, headers=headers)


@require_GET
def portal(request, slug: str):
    """One partnership's public portal: its cities and story, focus areas, aid in figures,
    public projects and events, news, and how to help."""
    partnership, body = remembered(
        f"portal:{slug}:{get_language()}:{timezone.localdate().isoformat()}",
        lambda: _portal_body(slug),
    )
    context = {
        "partnership": partnership,
        "body": body,
        **page_meta(request, "portal:partnership", {"slug": slug}),
    }
    return render(request, "portal/partnership.html", context)


def _portal_body(slug: str) -> tuple:
    """The partnership and its portal's body, the same for every visitor (no form, no person):
    kept until anything is written (core.changes), per language and day."""
    found = selectors.portal_of(slug)
    context = {
        "portal": found,
        "partnership": found.partnership,
        "chart": month_chart(found.aid.months),
        "series": SERIES,
        "LANGUAGE_CODE": get_language(),  # rendered without a request: no context processors
    }
    return found.partnership, render_to_string("portal/_partnership_body.html", context)


@require_GET
def news_photo(request, slug: str, post_id: int):
    """A news post's photo: public like the post (uploads are never served by path)."""
    response = private_file(
        selectors.news_photo(slug=slug, post_id=post_id).photo, inline_image=True
    )
    response["Cache-Control"] = "public, max-age=3600"
    return response


# --- the members' news pages ---


@login_required
@require_GET
def news_list(request, slug: str):
    partnership = partnership_for(request, slug, "portal.view_newspost")

    def context() -> dict:
        page = Paginator(selectors.news_list(partnership=partnership), PAGE_SIZE).get_page(
            request.GET.get("page")
        )
        return {
            "partnership": partnership,
            "head_title": f"{_('News')} · {partnership}",
            "page": page,
            "posts": page.object_list,
        }

    return kept_page(request, "portal/news_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def news_create(request, slug: str):
    partnership = partnership_for(request, slug, "portal.add_newspost")
    form = NewsPostCreateForm(form_data(request), form_files(request))
    post = submit(
        request,
        form,
        lambda: services.news_post_create(
            partnership=partnership, by=request.user, **form.cleaned_data
        ),
    )
    if post is not None:
        messages.success(request, _("The news post was published."))
        return redirect("portal:news_list", slug=slug)
    context = {"partnership": partnership, "form": form}
    return render(request, "portal/news_form.html", context, status=status_of(form))


@login_required
@require_http_methods(["GET", "POST"])
def news_edit(request, slug: str, post_id: int):
    partnership = partnership_for(request, slug, "portal.view_newspost")
    post = selectors.news_post_get(partnership=partnership, post_id=post_id)
    require(request.user, "portal.change_newspost", post)
    form = NewsPostEditForm(form_data(request), form_files(request), instance=post)
    if submit(
        request,
        form,
        lambda: services.news_post_update(post=post, by=request.user, **form.cleaned_data),
    ):
        messages.success(request, _("The news post was saved."))
        return redirect("portal:news_list", slug=slug)
    context = {"partnership": partnership, "form": form, "post": post}
    return render(request, "portal/news_form.html", context, status=status_of(form))
