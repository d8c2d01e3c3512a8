"""The members' page of the IATI open data: the address of the file, the public projects in
it, and those left out with what each lacks, so an office can complete them."""

from django.contrib.auth.decorators import login_required
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from pobratym.core.changes import kept_page
from pobratym.partnerships.access import partnership_for
from pobratym.translation.selectors import with_translations

from .. import iati, selectors


@login_required
@require_GET
def iati_report(request, slug: str):
    partnership = partnership_for(request, slug, "projects.view_project")

    def context() -> dict:
        published, left_out = [], []
        for project in with_translations(selectors.iati_projects(partnership=partnership)):
            gaps = iati.missing(project)
            if gaps:
                left_out.append((project, gaps))
            else:
                published.append(project)
        return {
            "partnership": partnership,
            "head_title": f"{_('Open data: IATI')} · {partnership}",
            "published": published,
            "left_out": left_out,
            "address": request.build_absolute_uri(reverse("api:projects_iati", args=[slug])),
        }

    return kept_page(request, "projects/iati.html", context)
