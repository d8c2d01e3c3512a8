"""Every read of projects, scoped to the viewer (members of the partnership), each a fixed
number of queries however many projects, milestones or lines there are."""

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Min, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404

from pobratym.core.money import Currency, in_currency
from pobratym.partnerships.models import Partnership
from pobratym.partnerships.predicates import is_member
from pobratym.translation.selectors import matching, reader_translations, with_translations

from ..models import (
    Application,
    BudgetLine,
    Indicator,
    Milestone,
    Project,
    ProjectOrganisation,
)


def _members_only(viewer, partnership: Partnership) -> None:
    if not is_member(viewer, partnership):
        raise Http404


def public_projects(*, partnership: Partnership) -> QuerySet:
    """What anybody may see of a partnership's projects: those marked public and not
    cancelled. The public portal and the API's answers to visitors both read this."""
    return Project.objects.filter(partnership=partnership, public=True).exclude(
        status=Project.Status.CANCELLED
    )


def project_list(*, viewer, partnership: Partnership, filters: Mapping | None = None) -> QuerySet:
    """The partnership's projects (members only), narrowed by `filters` (words in any language,
    status, focus area, lead side, a period: `starts_from`, `ends_until`), with their
    milestones done and due and the next one's date. Three queries: the list, its
    translations, the membership once."""
    _members_only(viewer, partnership)
    return _listed(Project.objects.filter(partnership=partnership), filters)


def project_public_list(*, partnership: Partnership, filters: Mapping | None = None) -> QuerySet:
    """`project_list` of the public projects only, for anybody. Two queries."""
    return _listed(public_projects(partnership=partnership), filters)


def project_public_detail(*, partnership: Partnership, project_id: int) -> Project:
    """One public project as a list shows it, for anybody; 404 for any other."""
    project = project_public_list(partnership=partnership).filter(pk=project_id).first()
    if project is None:
        raise Http404
    return project


def _listed(projects: QuerySet, filters: Mapping | None) -> QuerySet:
    filters = filters or {}
    projects = projects.select_related("focus_area", "lead_side__city")
    if status := filters.get("status"):
        projects = projects.filter(status=status)
    if area := filters.get("focus_area"):
        projects = projects.filter(focus_area=area)
    if side := filters.get("lead_side"):
        projects = projects.filter(lead_side=side)
    if start := filters.get("starts_from"):
        projects = projects.filter(Q(ends_on__isnull=True) | Q(ends_on__gte=start))
    if end := filters.get("ends_until"):
        projects = projects.filter(starts_on__lte=end)
    if words := (filters.get("q") or "").strip():
        projects = projects.filter(matching(Project, ("title", "description"), words))
    return with_translations(with_milestones(projects)).order_by("-starts_on", "pk")


def with_milestones(projects: QuerySet) -> QuerySet:
    """`projects` with their milestones in all (`milestone_count`), done (`milestones_done`)
    and the next open one's date (`next_due`). Subqueries, not a join: the database works
    them out for the rows a page shows, and a count of the list needs none of them."""
    milestones = Milestone.objects.filter(project=OuterRef("pk")).order_by().values("project")

    def first(queryset: QuerySet, value) -> Subquery:
        return Subquery(queryset.annotate(value=value).values("value")[:1])

    done = milestones.filter(completed_on__isnull=False)
    still_open = milestones.filter(completed_on__isnull=True)
    return projects.annotate(
        milestone_count=Coalesce(first(milestones, Count("pk")), 0),
        milestones_done=Coalesce(first(done, Count("pk")), 0),
        next_due=first(still_open, Min("due_on")),
    )


def project_detail(*, viewer, partnership: Partnership, project_id: int) -> Project:
    """One project with everything its page shows, in a fixed number of queries; 404 for a
    project of another partnership or a viewer who is no member."""
    _members_only(viewer, partnership)
    project = (
        Project.objects.filter(partnership=partnership, pk=project_id)
        .select_related("focus_area", "lead_side__city", "created_by")
        .prefetch_related(
            reader_translations(),
            Prefetch(
                "roles",
                queryset=ProjectOrganisation.objects.select_related(
                    "organisation__side__city"
                ).prefetch_related(reader_translations("organisation")),
            ),
            Prefetch(
                "milestones",
                queryset=Milestone.objects.order_by("due_on", "pk").prefetch_related(
                    reader_translations()
                ),
            ),
            Prefetch("indicators", queryset=with_translations(Indicator.objects.order_by("pk"))),
            Prefetch(
                "budget_lines",
                queryset=BudgetLine.objects.select_related("source", "application__call"),
            ),
            Prefetch(
                "applications",
                queryset=Application.objects.select_related("call__programme").order_by(
                    "call__apply_by", "pk"
                ),
            ),
        )
        .first()
    )
    if project is None:
        raise Http404
    return project


@dataclass(frozen=True)
class Budget:
    """A project's money in both currencies. Every hryvnia line carries its rate (the services
    insist), so the euro total is whole; `unconverted` euro lines without a rate are left out
    of the hryvnia total, which says so."""

    eur: Decimal
    uah: Decimal
    unconverted: int


def budget_of(lines) -> Budget:
    """Totals of `lines` in euro and in hryvnia, each line converted at its own rate."""
    totals = {Currency.EUR: Decimal("0.00"), Currency.UAH: Decimal("0.00")}
    unconverted = 0
    for line in lines:
        for target in totals:
            if line.currency == target:
                totals[target] += line.amount
            elif line.rate:
                totals[target] += in_currency(line.amount, line.currency, target, line.rate)
        unconverted += line.currency == Currency.EUR and not line.rate
    return Budget(eur=totals[Currency.EUR], uah=totals[Currency.UAH], unconverted=unconverted)
