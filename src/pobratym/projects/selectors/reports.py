"""Reads of the council report: the reports asked for, the years worth a report, and the year
itself (plans, projects, money, events, aid) in the report's language, each summed by the
database in a fixed number of queries however many projects the year holds."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal

from django.db.models import Count, Max, Min, Q, QuerySet
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from pobratym.aid.models import DEPARTED, Need, Shipment
from pobratym.aid.selectors.dashboard import MonthTotal, aid_months_of_year
from pobratym.core.money import Currency
from pobratym.directory.models import Organisation
from pobratym.exchanges.models import Event, EventKind
from pobratym.partnerships.models import Partnership
from pobratym.translation.selectors import annotated_in

from ..models import (
    Application,
    ApplicationStatus,
    BudgetLine,
    Indicator,
    Measure,
    MeasureStatus,
    Project,
    ProjectStatus,
    Report,
    WorkPlan,
)
from .plans import _versions, state_of
from .projects import Budget, _members_only, budget_of, with_milestones

ZERO = Decimal("0.00")


def report_list(*, viewer, partnership: Partnership) -> QuerySet:
    """The partnership's council reports, newest first (members only)."""
    _members_only(viewer, partnership)
    return (
        Report.objects.filter(partnership=partnership)
        .select_related("requested_by")
        .order_by("-created_at", "-pk")
    )


def report_detail(*, viewer, partnership: Partnership, report_id: int) -> Report:
    """One report of the partnership; 404 for another partnership's or a non-member."""
    report = report_list(viewer=viewer, partnership=partnership).filter(pk=report_id).first()
    if report is None:
        raise Http404
    return report


def report_years(partnership: Partnership, today: date | None = None) -> list[int]:
    """The years a report may be asked for, newest first: from the first year of a plan or
    project up to this year, and last year in any case."""
    this_year = (today or timezone.localdate()).year
    years = {this_year - 1}
    for model in (WorkPlan, Project):
        span = model.objects.filter(partnership=partnership).aggregate(
            first=Min("starts_on"), last=Max("ends_on")
        )
        first = span["first"] or span["last"]
        if first:
            last = min((span["last"] or first).year, this_year)
            years.update(range(first.year, max(first.year, last) + 1))
    return sorted((year for year in years if year <= this_year), reverse=True)


# --- the year, in the report's language ---


@dataclass(frozen=True)
class MeasureRow:
    title: str
    status: str
    status_label: str
    progress: int


@dataclass(frozen=True)
class PlanRow:
    title: str
    starts_on: date
    ends_on: date
    state: str
    version: int
    measures: list[MeasureRow]


@dataclass(frozen=True)
class IndicatorRow:
    title: str
    unit: str
    baseline: Decimal
    target: Decimal
    actual: Decimal | None


@dataclass(frozen=True)
class ProjectRow:
    title: str
    status_label: str
    starts_on: date | None
    ends_on: date | None
    milestones: int
    milestones_done: int
    indicators: list[IndicatorRow]


@dataclass
class FunderRow:
    """Money from one funder: the budget lines it pays for in the year's projects, in euro
    and in hryvnia (each line at its own rate), and the grants of the year in the currency
    granted (no exchange rate is kept with a grant)."""

    funder: str
    budgeted: Budget = field(default_factory=lambda: Budget(ZERO, ZERO, 0))
    granted_eur: Decimal = ZERO
    granted_uah: Decimal = ZERO


@dataclass(frozen=True)
class AidYear:
    needs: int
    shipments: int
    months: list[MonthTotal]

    @property
    def pledged(self) -> Decimal:
        return sum((month.pledged for month in self.months), ZERO)

    @property
    def shipped(self) -> Decimal:
        return sum((month.shipped for month in self.months), ZERO)

    @property
    def received(self) -> Decimal:
        return sum((month.received for month in self.months), ZERO)


@dataclass(frozen=True)
class ReportYear:
    partnership: Partnership
    year: int
    plans: list[PlanRow]
    projects: list[ProjectRow]
    funders: list[FunderRow]
    events: list[tuple[str, int]]  # kind label, count
    public_events: list[tuple[date, str, str]]  # day, kind label, title
    aid: AidYear

    @property
    def measures(self) -> list[MeasureRow]:
        return [measure for plan in self.plans for measure in plan.measures]

    @property
    def empty(self) -> bool:
        aid = self.aid
        return not (
            self.plans
            or self.projects
            or self.funders
            or self.events
            or aid.needs
            or aid.shipments
            or aid.pledged
            or aid.shipped
            or aid.received
        )


def _bounds(year: int) -> tuple[date, date, dict]:
    first, last = date(year, 1, 1), date(year, 12, 31)
    zone = timezone.get_current_timezone()
    moments = {
        "gte": datetime.combine(first, time(), tzinfo=zone),
        "lt": datetime.combine(date(year + 1, 1, 1), time(), tzinfo=zone),
    }
    return first, last, moments


def report_year(partnership: Partnership, year: int, language: str) -> ReportYear:
    """Everything a council report of `year` says, with the records' texts in `language` and
    labels in the active language (the caller overrides it). The caller checks access.
    A fixed number of queries, however many plans, projects, lines or events."""
    first, last, moments = _bounds(year)
    projects = Project.objects.filter(partnership=partnership).exclude(
        status__in=(ProjectStatus.IDEA, ProjectStatus.CANCELLED)
    )
    projects = projects.filter(
        Q(starts_on__isnull=True) | Q(starts_on__lte=last),
        Q(ends_on__isnull=True) | Q(ends_on__gte=first),
    )
    events = Event.objects.filter(
        partnership=partnership, starts_at__gte=moments["gte"], starts_at__lt=moments["lt"]
    )
    return ReportYear(
        partnership=partnership,
        year=year,
        plans=_plans(partnership, first, last, language),
        projects=_projects(projects, language),
        funders=_money(partnership, projects, year, language),
        events=_event_kinds(events),
        public_events=_public_events(events, language),
        aid=AidYear(
            needs=Need.objects.filter(
                partnership=partnership,
                created_at__gte=moments["gte"],
                created_at__lt=moments["lt"],
            ).count(),
            shipments=Shipment.objects.filter(
                partnership=partnership, status__in=DEPARTED, departed_on__year=year
            ).count(),
            months=aid_months_of_year(partnership=partnership, year=year),
        ),
    )


def _plans(partnership, first: date, last: date, language: str) -> list[PlanRow]:
    """The plans covering the year, each with the version both sides approved last (else
    its newest) and that version's measures. Five queries."""
    plans = WorkPlan.objects.filter(
        partnership=partnership, starts_on__lte=last, ends_on__gte=first
    ).prefetch_related(_versions())
    plans = list(annotated_in(plans, ("title",), language).order_by("starts_on", "pk"))
    shown = {}
    for plan in plans:
        state = state_of(plan)
        shown[plan.pk] = (state.approved or state.latest, state.label)
    measures = defaultdict(list)
    rows = annotated_in(
        Measure.objects.filter(version__in=[version for version, _label in shown.values()]),
        ("title",),
        language,
    ).order_by("position", "pk")
    for measure in rows:
        measures[measure.version_id].append(
            MeasureRow(
                title=measure.title_shown,
                status=measure.status,
                status_label=measure.get_status_display(),
                progress=measure.progress,
            )
        )
    return [
        PlanRow(
            title=plan.title_shown,
            starts_on=plan.starts_on,
            ends_on=plan.ends_on,
            state=str(shown[plan.pk][1]),
            version=shown[plan.pk][0].number,
            measures=measures[shown[plan.pk][0].pk],
        )
        for plan in plans
    ]


def measures_by_status(measures: list[MeasureRow]) -> list[tuple[str, int]]:
    counts = defaultdict(int)
    for measure in measures:
        counts[measure.status] += 1
    return [(status.label, counts[status.value]) for status in MeasureStatus if counts[status]]


def _projects(projects: QuerySet, language: str) -> list[ProjectRow]:
    """The year's projects with their milestones done and due and their results. Two
    queries."""
    rows = with_milestones(annotated_in(projects, ("title",), language))
    indicators = defaultdict(list)
    found = annotated_in(
        Indicator.objects.filter(project__in=projects.values("pk")), ("title", "unit"), language
    ).order_by("pk")
    for indicator in found:
        indicators[indicator.project_id].append(
            IndicatorRow(
                title=indicator.title_shown,
                unit=indicator.unit_shown,
                baseline=indicator.baseline,
                target=indicator.target,
                actual=indicator.actual,
            )
        )
    return [
        ProjectRow(
            title=project.title_shown,
            status_label=project.get_status_display(),
            starts_on=project.starts_on,
            ends_on=project.ends_on,
            milestones=project.milestone_count,
            milestones_done=project.milestones_done,
            indicators=indicators[project.pk],
        )
        for project in rows.order_by("starts_on", "pk")
    ]


def _money(partnership, projects: QuerySet, year: int, language: str) -> list[FunderRow]:
    """Money by funder: the budget lines of the year's projects (their funding source, else
    the programme of the grant they come from) and the grants of the year (applications
    granted, submitted, or due, that year). Three queries."""
    lines = list(
        BudgetLine.objects.filter(project__in=projects.values("pk")).values_list(
            "source", "application__call__programme__funder", "amount", "currency", "rate"
        )
    )
    names = {
        organisation.pk: organisation.name_shown
        for organisation in annotated_in(
            Organisation.objects.filter(pk__in={line[0] for line in lines if line[0]}),
            ("name",),
            language,
        )
    }
    unnamed = _("funder not named")
    budgets = defaultdict(list)
    for source, programme_funder, amount, currency, rate in lines:
        funder = names.get(source) or programme_funder or unnamed
        budgets[funder].append(_Line(amount, currency, rate))
    funders = {name: FunderRow(name, budgeted=budget_of(rows)) for name, rows in budgets.items()}
    grants = (
        Application.objects.filter(partnership=partnership, status=ApplicationStatus.GRANTED)
        .annotate(day=Coalesce("submitted_on", "call__apply_by"))
        .filter(day__year=year)
        .values_list("call__programme__funder", "granted", "currency")
    )
    for funder, granted, currency in grants:
        row = funders.setdefault(funder, FunderRow(funder))
        if currency == Currency.EUR:
            row.granted_eur += granted
        else:
            row.granted_uah += granted
    return sorted(
        funders.values(), key=lambda row: (-row.budgeted.eur - row.granted_eur, row.funder)
    )


@dataclass(frozen=True)
class _Line:
    amount: Decimal
    currency: str
    rate: Decimal | None


def _event_kinds(events: QuerySet) -> list[tuple[str, int]]:
    counts = {
        row["kind"]: row["count"]
        for row in events.order_by().values("kind").annotate(count=Count("pk"))
    }
    return [(kind.label, counts[kind.value]) for kind in EventKind if counts.get(kind.value)]


def _public_events(events: QuerySet, language: str) -> list[tuple[date, str, str]]:
    rows = annotated_in(events.filter(public=True), ("title",), language).order_by("starts_at")
    return [
        (timezone.localtime(event.starts_at).date(), event.get_kind_display(), event.title_shown)
        for event in rows
    ]
