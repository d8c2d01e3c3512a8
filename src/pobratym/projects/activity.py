"""Projects on the partnership's overview (registered in ProjectsConfig.ready): projects added,
milestones completed and work plans approved by a side, in recent activity, and a panel of
the projects by status with the next milestones due."""

from django.db.models import Count
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from pobratym.partnerships.activity import Event
from pobratym.translation.selectors import (
    annotated_in,
    reader_translations,
    shown,
)

from .models import Milestone, PlanApproval, Project, ProjectStatus

NEXT_MILESTONES = 3


def _url(partnership, project_id: int) -> str:
    return reverse("projects:project_detail", args=[partnership.slug, project_id])


def project_activity(viewer, partnership, limit: int) -> list[Event]:
    """Projects added and milestones completed (three queries)."""
    if not viewer.has_perm("projects.view_project", partnership):
        return []
    projects = annotated_in(Project.objects.filter(partnership=partnership), ("title",)).order_by(
        "-created_at"
    )[:limit]
    done = (
        Milestone.objects.filter(project__partnership=partnership, completed_on__isnull=False)
        .prefetch_related(reader_translations(), reader_translations("project"))
        .select_related("project")
        .order_by("-updated_at")[:limit]
    )
    added = [
        Event(p.created_at, _("Project added"), p.title_shown, _url(partnership, p.pk))
        for p in projects
    ]
    completed = [
        Event(
            milestone.updated_at,
            _("Milestone completed"),
            f"{shown(milestone.project, 'title').text}: {shown(milestone, 'title').text}",
            _url(partnership, milestone.project_id),
        )
        for milestone in done
    ]
    return added + completed


def plan_activity(viewer, partnership, limit: int) -> list[Event]:
    """Each side's approval of a version of a work plan (one query)."""
    if not viewer.has_perm("projects.view_plan", partnership):
        return []
    approvals = (
        annotated_in(
            PlanApproval.objects.filter(version__plan__partnership=partnership),
            ("title",),
            path="version__plan",
        )
        .select_related("version", "side__city")
        .order_by("-created_at")[:limit]
    )
    return [
        Event(
            approval.created_at,
            _("Work plan approved by %(city)s") % {"city": approval.side.city},
            _("%(plan)s, version %(number)s")
            % {
                "plan": approval.title_shown,
                "number": approval.version.number,
            },
            reverse("projects:plan_detail", args=[partnership.slug, approval.version.plan_id]),
        )
        for approval in approvals
    ]


def overview_panel(viewer, partnership) -> dict | None:
    """How many projects of each status, and the next open milestones (three queries)."""
    if not viewer.has_perm("projects.view_project", partnership):
        return None
    counts = dict(
        Project.objects.filter(partnership=partnership)
        .values_list("status")
        .annotate(count=Count("pk"))
        .order_by()
    )
    statuses = [
        {"label": label, "count": counts[value]}
        for value, label in ProjectStatus.choices
        if counts.get(value)
    ]
    upcoming = (
        Milestone.objects.filter(
            project__partnership=partnership,
            completed_on__isnull=True,
            due_on__gte=timezone.localdate(),
        )
        .select_related("project")
        .prefetch_related(reader_translations())
        .order_by("due_on", "pk")[:NEXT_MILESTONES]
    )
    milestones = [
        {
            "title": shown(m, "title").text,
            "due_on": m.due_on,
            "url": _url(partnership, m.project_id),
        }
        for m in upcoming
    ]
    return {"statuses": statuses, "total": sum(counts.values()), "milestones": milestones}
