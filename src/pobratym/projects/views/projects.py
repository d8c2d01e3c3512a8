"""Project pages: the list, a project's page, adding and correcting it, and adding its
milestones, indicators and budget lines (each on a page of its own, so no script is needed)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from pobratym.core.changes import kept_page
from pobratym.core.errors import require
from pobratym.core.forms import form_data, status_of, submit
from pobratym.core.listing import kept_list
from pobratym.partnerships import records
from pobratym.partnerships.access import partnership_for
from pobratym.translation.selectors import shown

from .. import selectors, services
from ..forms import (
    BudgetLineForm,
    IndicatorActualForm,
    IndicatorForm,
    MilestoneForm,
    ProjectCreateForm,
    ProjectEditForm,
    ProjectFilterForm,
)
from ..selectors.parts import parts_of

PAGE_SIZE = 50
VIEW = "projects.view_project"
CHANGE = "projects.change_project"
SORTS = {"title": ("title",), "status": ("status",), "starts_on": ("starts_on",)}


def _project(request, slug: str, project_id: int, permission: str | None = None):
    partnership = partnership_for(request, slug, VIEW)
    project = selectors.project_detail(
        viewer=request.user, partnership=partnership, project_id=project_id
    )
    if permission:
        require(request.user, permission, project)
    return partnership, project


def _to_project(project, anchor: str = ""):
    url = reverse("projects:project_detail", args=[project.partnership.slug, project.pk])
    return redirect(f"{url}#{anchor}" if anchor else url)


@login_required
@require_GET
def project_list(request, slug: str):
    partnership = partnership_for(request, slug, VIEW)
    form = ProjectFilterForm(request.GET or None, partnership=partnership)
    return kept_list(
        request,
        "projects/project_list.html",
        _("Projects"),
        partnership,
        form,
        selectors.project_list,
        SORTS,
        PAGE_SIZE,
    )


@login_required
@require_http_methods(["GET", "POST"])
def project_create(request, slug: str):
    partnership = partnership_for(request, slug, "projects.add_project")
    form = ProjectCreateForm(form_data(request), partnership=partnership)
    project = submit(
        request,
        form,
        lambda: services.project_create(
            partnership=partnership, by=request.user, **form.cleaned_data
        ),
    )
    if project is not None:
        messages.success(request, _("The project was added."))
        return _to_project(project)
    context = {"partnership": partnership, "form": form}
    return render(request, "projects/project_form.html", context, status=status_of(form))


@login_required
@require_GET
def project_detail(request, slug: str, project_id: int):
    partnership = partnership_for(request, slug, VIEW)

    def context() -> dict:
        project = selectors.project_detail(
            viewer=request.user, partnership=partnership, project_id=project_id
        )
        milestones = project.milestones.all()
        next_milestone = next((m for m in milestones if m.completed_on is None), None)
        if not milestones:
            next_step = "milestones"
        elif next_milestone is not None:
            next_step = "milestone_due"
        elif not project.budget_lines.all():
            next_step = "budget"
        else:
            next_step = "conversation"
        return {
            "partnership": partnership,
            "project": project,
            "head_title": f"{shown(project, 'title').text} · {partnership}",
            "budget": selectors.budget_of(project.budget_lines.all()),
            "next_step": next_step,
            "next_milestone": next_milestone,
            "about": records.reference(project),
            **parts_of(request.user, project),
        }

    return kept_page(request, "projects/project_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def project_edit(request, slug: str, project_id: int):
    partnership, project = _project(request, slug, project_id, CHANGE)
    form = ProjectEditForm(form_data(request), instance=project, partnership=partnership)
    if submit(
        request,
        form,
        lambda: services.project_update(project=project, by=request.user, **form.cleaned_data),
    ):
        messages.success(request, _("The project was saved."))
        return _to_project(project)
    context = {"partnership": partnership, "form": form, "project": project}
    return render(request, "projects/project_form.html", context, status=status_of(form))


def _part_page(request, slug, project_id, form_class, service, anchor, title):
    """A page adding one part of a project, back to the project's section when saved."""
    partnership, project = _project(request, slug, project_id, CHANGE)
    form = form_class(form_data(request), partnership=partnership)
    if submit(
        request, form, lambda: service(project=project, by=request.user, **form.cleaned_data)
    ):
        messages.success(request, _("Saved."))
        return _to_project(project, anchor)
    context = {"partnership": partnership, "project": project, "form": form, "title": title}
    return render(request, "projects/part_form.html", context, status=status_of(form))


@login_required
@require_http_methods(["GET", "POST"])
def milestone_add(request, slug: str, project_id: int):
    title = _("Add a milestone")
    return _part_page(
        request, slug, project_id, MilestoneForm, services.milestone_add, "milestones", title
    )


@login_required
@require_http_methods(["GET", "POST"])
def indicator_add(request, slug: str, project_id: int):
    title = _("Add a result with its indicator")
    return _part_page(
        request, slug, project_id, IndicatorForm, services.indicator_add, "results", title
    )


@login_required
@require_http_methods(["GET", "POST"])
def budget_line_add(request, slug: str, project_id: int):
    title = _("Add a budget line")
    return _part_page(
        request, slug, project_id, BudgetLineForm, services.budget_line_add, "budget", title
    )


@login_required
@require_POST
def milestone_complete(request, slug: str, project_id: int, milestone_id: int):
    _partnership, project = _project(request, slug, project_id, CHANGE)
    milestone = get_object_or_404(project.milestones.all(), pk=milestone_id)
    services.milestone_complete(milestone=milestone, by=request.user)
    messages.success(request, _("The milestone is marked as completed."))
    return _to_project(project, "milestones")


@login_required
@require_http_methods(["GET", "POST"])
def indicator_record(request, slug: str, project_id: int, indicator_id: int):
    partnership, project = _project(request, slug, project_id, CHANGE)
    indicator = get_object_or_404(project.indicators.all(), pk=indicator_id)
    form = IndicatorActualForm(form_data(request), initial={"actual": indicator.actual})
    if submit(
        request,
        form,
        lambda: services.indicator_record(
            indicator=indicator, by=request.user, **form.cleaned_data
        ),
    ):
        messages.success(request, _("Saved."))
        return _to_project(project, "results")
    title = _("Where the indicator stands now")
    context = {"partnership": partnership, "project": project, "form": form, "title": title}
    return render(request, "projects/part_form.html", context, status=status_of(form))
