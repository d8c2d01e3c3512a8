"""Council report pages: the reports of the partnership with the form asking for one, a
report's page (its progress while the worker makes it, then its files, or what went wrong
and a button to try again) and the two downloads, for members only. No script: the page
reloads itself while the report is being made."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from pobratym.core.changes import kept_page
from pobratym.core.downloads import private_file
from pobratym.core.forms import form_data, status_of, submit
from pobratym.partnerships.access import partnership_for

from .. import selectors, services
from ..forms import ReportForm
from ..models import ReportLanguage

VIEW = "projects.view_report"
ADD = "projects.add_report"
REFRESH_SECONDS = 5
BODY = "projects/reports/report_detail.html"


def _report(request, slug: str, report_id: int, permission: str = VIEW):
    partnership = partnership_for(request, slug, permission)
    report = selectors.report_detail(
        viewer=request.user, partnership=partnership, report_id=report_id
    )
    return partnership, report


def _to_report(report):
    return redirect("projects:report_detail", report.partnership.slug, report.pk)


@login_required
@require_http_methods(["GET", "POST"])
def report_list(request, slug: str):
    """The reports made, and the form asking for one; kept until anything is written
    (`kept_page`): asking for a report writes, and the worker writes as it goes on."""
    partnership = partnership_for(request, slug, ADD if request.method == "POST" else VIEW)
    form = None
    if request.method == "POST":
        form = _report_form(request, partnership)
        report = submit(
            request,
            form,
            lambda: services.report_request(
                partnership=partnership, by=request.user, **form.cleaned_data
            ),
        )
        if report is not None:
            messages.success(request, _("The report is being made. This page shows how far."))
            return _to_report(report)

    def context() -> dict:
        return {
            "partnership": partnership,
            "head_title": f"{_('Council reports')} · {partnership}",
            "form": form or _report_form(request, partnership),
            "reports": selectors.report_list(viewer=request.user, partnership=partnership),
        }

    status = status_of(form) if form is not None else 200
    return kept_page(request, "projects/reports/report_list.html", context, status=status)


def _report_form(request, partnership) -> ReportForm:
    language = translation.get_language()[:2]
    return ReportForm(
        form_data(request),
        years=selectors.report_years(partnership),
        initial={
            "year": timezone.localdate().year - 1,
            "language": language if language in ReportLanguage.values else ReportLanguage.DE,
        },
    )


@login_required
@require_GET
def report_detail(request, slug: str, report_id: int):
    """A report's page. Kept until anything is written (`kept_page`) once the report is made
    or has failed; while it is being made the page follows it (it reloads itself, and a
    report stalls by the clock alone), so it is rendered afresh on every request."""
    partnership, report = _report(request, slug, report_id)

    def context() -> dict:
        title = _("Council report %(year)s") % {"year": report.year}
        return {
            "partnership": partnership,
            "head_title": f"{title} · {partnership}",
            "report": report,
            "refresh": REFRESH_SECONDS,
        }

    if not report.in_progress:
        return kept_page(request, BODY, context)
    values = context()
    body = render_to_string(BODY, values, request=request)
    return render(request, "projects/reports/report_waiting.html", {**values, "body": body})


@login_required
@require_POST
def report_retry(request, slug: str, report_id: int):
    _partnership, report = _report(request, slug, report_id, ADD)
    services.report_retry(report=report, by=request.user)
    return _to_report(report)


def _download(request, slug: str, report_id: int, field: str):
    _partnership, report = _report(request, slug, report_id)
    return private_file(getattr(report, field))


@login_required
@require_GET
def report_pdf(request, slug: str, report_id: int):
    return _download(request, slug, report_id, "pdf")


@login_required
@require_GET
def report_docx(request, slug: str, report_id: int):
    return _download(request, slug, report_id, "docx")
