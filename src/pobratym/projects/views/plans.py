"""Work plan pages: the list, a plan with a version's measures and both sides' approvals,
adding and correcting a plan and its measures, recording progress, approving, starting a new
version, the comparison of two versions and the timeline. No page needs a script."""

from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from pobratym.core.changes import kept_page
from pobratym.core.confirm import Confirmation, confirmation_page
from pobratym.core.errors import DomainError, require
from pobratym.core.forms import form_data, status_of, submit
from pobratym.core.inputs import parse_id
from pobratym.partnerships.access import partnership_for
from pobratym.partnerships.predicates import membership_of
from pobratym.translation.selectors import shown

from .. import selectors, services
from ..forms import (
    MeasureCreateForm,
    MeasureEditForm,
    PlanApprovalForm,
    PlanCreateForm,
    PlanEditForm,
    ProgressForm,
)
from ..models import Measure

VIEW = "projects.view_plan"
CHANGE = "projects.change_plan"


def _plan(request, slug: str, plan_id: int, permission: str | None = None):
    partnership = partnership_for(request, slug, VIEW)
    plan = selectors.plan_detail(viewer=request.user, partnership=partnership, plan_id=plan_id)
    if permission:
        require(request.user, permission, plan)
    return partnership, plan


def _to_plan(plan, anchor: str = ""):
    url = reverse("projects:plan_detail", args=[plan.partnership.slug, plan.pk])
    return redirect(f"{url}#{anchor}" if anchor else url)


def _measure(plan, measure_id: int) -> Measure:
    return get_object_or_404(
        Measure.objects.select_related("version__plan"), version__plan=plan, pk=measure_id
    )


def _title(plan) -> str:
    return shown(plan, "title").text


@login_required
@require_GET
def plan_list(request, slug: str):
    partnership = partnership_for(request, slug, VIEW)

    def context() -> dict:
        plans = selectors.plan_list(viewer=request.user, partnership=partnership)
        return {
            "partnership": partnership,
            "head_title": f"{_('Work plans')} · {partnership}",
            "plans": [(plan, selectors.state_of(plan)) for plan in plans],
        }

    return kept_page(request, "projects/plans/plan_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def plan_create(request, slug: str):
    partnership = partnership_for(request, slug, "projects.add_plan")
    form = PlanCreateForm(form_data(request))
    plan = submit(
        request,
        form,
        lambda: services.plan_create(partnership=partnership, by=request.user, **form.cleaned_data),
    )
    if plan is not None:
        messages.success(request, _("The work plan was added. Now add its measures."))
        return _to_plan(plan)
    context = {"partnership": partnership, "form": form}
    return render(request, "projects/plans/plan_form.html", context, status=status_of(form))


@login_required
@require_http_methods(["GET", "POST"])
def plan_edit(request, slug: str, plan_id: int):
    partnership, plan = _plan(request, slug, plan_id, CHANGE)
    form = PlanEditForm(form_data(request), plan=plan)
    if submit(
        request,
        form,
        lambda: services.plan_update(plan=plan, by=request.user, **form.cleaned_data),
    ):
        messages.success(request, _("The work plan was saved."))
        return _to_plan(plan)
    context = {"partnership": partnership, "form": form, "plan": plan}
    return render(request, "projects/plans/plan_form.html", context, status=status_of(form))


def _plan_page(request, partnership, load, *, approve_form=None, status=200):
    """A version of the plan with its measures, both sides' approvals of the newest version,
    and what the person can do next; `load()` gives the plan and the version."""

    def context() -> dict:
        plan, version = load()
        state = selectors.state_of(plan)
        measures = selectors.measures_of(version)
        latest = state.latest
        fingerprint = latest.fingerprint or services.version_fingerprint(
            latest, measures if version == latest else None
        )
        approvals = {approval.side_id: approval for approval in latest.approvals.all()}
        membership = membership_of(request.user, partnership)
        sides = list(partnership.sides.select_related("city").order_by("position"))
        return {
            "partnership": partnership,
            "head_title": f"{_title(plan)} · {partnership}",
            "plan": plan,
            "state": state,
            "version": version,
            "measures": measures,
            "versions": list(plan.versions.all()),
            "is_latest": version == latest,
            "frozen": version.frozen_at is not None,
            "fingerprint": fingerprint,
            "side_approvals": [(side, approvals.get(side.pk)) for side in sides],
            "own_side_approved": membership is not None and membership.side_id in approvals,
            "approve_form": approve_form or PlanApprovalForm(initial={"fingerprint": fingerprint}),
        }

    return kept_page(request, "projects/plans/plan_detail.html", context, status=status)


def _plan_loader(request, partnership, plan_id: int, number: int | None = None):
    def load():
        plan = selectors.plan_detail(viewer=request.user, partnership=partnership, plan_id=plan_id)
        return plan, selectors.version_of(plan, number)

    return load


@login_required
@require_GET
def plan_detail(request, slug: str, plan_id: int):
    partnership = partnership_for(request, slug, VIEW)
    return _plan_page(request, partnership, _plan_loader(request, partnership, plan_id))


@login_required
@require_GET
def plan_version(request, slug: str, plan_id: int, number: int):
    partnership = partnership_for(request, slug, VIEW)
    return _plan_page(request, partnership, _plan_loader(request, partnership, plan_id, number))


@login_required
@require_POST
def plan_approve(request, slug: str, plan_id: int, number: int):
    partnership, plan = _plan(request, slug, plan_id, "projects.approve_plan")
    version = selectors.version_of(plan, number)
    form = PlanApprovalForm(form_data(request))
    approval = submit(
        request,
        form,
        lambda: services.plan_approve(
            version=version, by=request.user, fingerprint=form.cleaned_data["fingerprint"]
        ),
    )
    if approval is not None:
        plan = selectors.plan_detail(viewer=request.user, partnership=partnership, plan_id=plan.pk)
        if selectors.state_of(plan).code == "approved":
            messages.success(request, _("Both sides have approved the work plan."))
        else:
            messages.success(
                request,
                _(
                    "Your side has approved this version. It is frozen until the other side "
                    "approves it."
                ),
            )
        return _to_plan(plan, "approval")
    load = _plan_loader(request, partnership, plan.pk, number)
    return _plan_page(request, partnership, load, approve_form=form, status=status_of(form))


@login_required
@require_POST
def version_create(request, slug: str, plan_id: int):
    _partnership, plan = _plan(request, slug, plan_id, CHANGE)
    version = services.version_create(plan=plan, by=request.user)
    messages.success(
        request,
        _("Version %(number)s is ready for changes; both sides approve it again.")
        % {"number": version.number},
    )
    return _to_plan(plan, "measures")


def _measure_page(request, partnership, plan, form, service, done, title, measure=None):
    """A measure's form: `service(**cleaned data)` when sent, then back to the version's
    measures with `done` said; else the form (again, with its errors)."""
    if submit(request, form, lambda: service(by=request.user, **form.cleaned_data)):
        messages.success(request, done)
        number = measure.version.number if measure else selectors.version_of(plan).number
        url = reverse("projects:plan_version", args=[plan.partnership.slug, plan.pk, number])
        return redirect(f"{url}#measures")
    context = {
        "partnership": partnership,
        "plan": plan,
        "form": form,
        "measure": measure,
        "title": title,
    }
    return render(request, "projects/plans/measure_form.html", context, status=status_of(form))


@login_required
@require_http_methods(["GET", "POST"])
def measure_add(request, slug: str, plan_id: int):
    partnership, plan = _plan(request, slug, plan_id, CHANGE)
    form = MeasureCreateForm(form_data(request), partnership=partnership)
    service = partial(services.measure_add, version=selectors.version_of(plan))
    done, title = _("The measure was added."), _("Add a measure")
    return _measure_page(request, partnership, plan, form, service, done, title)


@login_required
@require_http_methods(["GET", "POST"])
def measure_edit(request, slug: str, plan_id: int, measure_id: int):
    partnership, plan = _plan(request, slug, plan_id, CHANGE)
    measure = _measure(plan, measure_id)
    form = MeasureEditForm(form_data(request), instance=measure, partnership=partnership)
    service = partial(services.measure_update, measure=measure)
    done, title = _("The measure was saved."), _("Correct the measure")
    return _measure_page(request, partnership, plan, form, service, done, title, measure)


@login_required
@require_http_methods(["GET", "POST"])
def measure_progress(request, slug: str, plan_id: int, measure_id: int):
    """Status, progress and what carries the measure out, on any version (not agreed)."""
    partnership, plan = _plan(request, slug, plan_id, CHANGE)
    measure = _measure(plan, measure_id)
    form = ProgressForm(form_data(request), instance=measure, partnership=partnership)
    service = partial(services.measure_progress, measure=measure)
    done, title = _("The progress was recorded."), _("Record the progress")
    return _measure_page(request, partnership, plan, form, service, done, title, measure)


@login_required
@require_http_methods(["GET", "POST"])
def measure_remove(request, slug: str, plan_id: int, measure_id: int):
    """Ask first (GET), then take the measure off the version (POST)."""
    partnership, plan = _plan(request, slug, plan_id, CHANGE)
    measure = _measure(plan, measure_id)
    title = shown(measure, "title").text
    error, status = "", 200
    if request.method == "POST":
        try:
            services.measure_remove(measure=measure, by=request.user)
        except DomainError as refused:
            error, status = refused.message, refused.status
        else:
            messages.success(request, _("The measure “%(title)s” was removed.") % {"title": title})
            return _to_plan(plan, "measures")
    confirmation = Confirmation(
        title=_("Remove the measure “%(title)s”?") % {"title": title},
        action=_("Yes, remove the measure"),
        consequences=[
            _("It is taken off this version of the plan; earlier versions keep it."),
        ],
        back=reverse("projects:plan_detail", args=[slug, plan.pk]) + "#measures",
        error=error,
    )
    return confirmation_page(request, confirmation, status=status, partnership=partnership)


def _number(request, name: str, default):
    return parse_id(request.GET.get(name, "")) or default


@login_required
@require_GET
def plan_compare(request, slug: str, plan_id: int):
    """Two versions measure by measure: by default the newest and the one before."""
    partnership, plan = _plan(request, slug, plan_id)
    versions = list(plan.versions.all())
    after = selectors.version_of(plan, _number(request, "to", versions[-1].number))
    before_default = versions[-2].number if len(versions) > 1 else after.number
    before = selectors.version_of(plan, _number(request, "from", before_default))
    context = {
        "partnership": partnership,
        "plan": plan,
        "versions": versions,
        "before": before,
        "after": after,
        "compared": selectors.comparison(
            selectors.measures_of(before), selectors.measures_of(after)
        ),
    }
    return render(request, "projects/plans/compare.html", context)


@login_required
@require_GET
def plan_timeline(request, slug: str, plan_id: int):
    """A version's measures by month (the newest unless ?version= says), plan versus actual."""
    partnership = partnership_for(request, slug, VIEW)
    number = parse_id(request.GET.get("version", ""))

    def context() -> dict:
        plan, version = _plan_loader(request, partnership, plan_id, number)()
        measures = selectors.measures_of(version)
        return {
            "partnership": partnership,
            "head_title": f"{pgettext('work plan', 'Timeline')} · {_title(plan)}",
            "plan": plan,
            "version": version,
            "versions": list(plan.versions.all()),
            "timeline": selectors.timeline(plan, measures, timezone.localdate()),
        }

    return kept_page(request, "projects/plans/timeline.html", context)
