"""Every read of work plans, scoped to the viewer (members of the partnership): the list, a
plan with its versions and approvals, a version's measures with what carries them out, the
comparison of two versions and the timeline. Each a fixed number of queries, however many
plans, versions, measures or links there are."""

from dataclasses import dataclass, field, replace
from datetime import date

from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.utils.formats import date_format
from django.utils.timezone import localdate
from django.utils.translation import gettext_lazy as _

from pobratym.aid.models import Need
from pobratym.core.formatting import day, money
from pobratym.directory.models import Organisation
from pobratym.exchanges.models import Event
from pobratym.partnerships.models import Partnership
from pobratym.translation.selectors import reader_translations, shown, with_translations

from ..models import Measure, PlanApproval, PlanVersion, Project, WorkPlan
from .projects import _members_only

STATES = {
    "draft": _("draft"),
    "proposed": _("awaiting approval"),
    "approved": _("approved by both sides"),
    "revising": _("approved; a new version in preparation"),
}


def _versions() -> Prefetch:
    approvals = PlanApproval.objects.select_related("side__city", "approved_by")
    return Prefetch(
        "versions",
        queryset=PlanVersion.objects.order_by("number").prefetch_related(
            Prefetch("approvals", queryset=approvals)
        ),
    )


def plan_list(*, viewer, partnership: Partnership) -> QuerySet:
    """The partnership's plans (members only), the newest period first, with their versions
    and approvals: four queries."""
    _members_only(viewer, partnership)
    plans = WorkPlan.objects.filter(partnership=partnership).prefetch_related(_versions())
    return with_translations(plans).order_by("-starts_on", "pk")


def plan_detail(*, viewer, partnership: Partnership, plan_id: int) -> WorkPlan:
    """One plan with its versions and their approvals; 404 for a plan of another partnership
    or a viewer who is no member."""
    _members_only(viewer, partnership)
    plan = (
        WorkPlan.objects.filter(partnership=partnership, pk=plan_id)
        .select_related("created_by")
        .prefetch_related(reader_translations(), _versions())
        .first()
    )
    if plan is None:
        raise Http404
    return plan


def version_of(plan: WorkPlan, number: int | None = None) -> PlanVersion:
    """The plan's version `number` (None: the newest), from the prefetched versions."""
    versions = list(plan.versions.all())
    if number is None:
        return versions[-1]
    for version in versions:
        if version.number == number:
            return version
    raise Http404


@dataclass(frozen=True)
class PlanState:
    """Where a plan stands, from its prefetched versions and approvals."""

    latest: PlanVersion
    approved: PlanVersion | None  # the newest version both sides approved

    @property
    def code(self) -> str:
        if self.approved is not None and self.approved.pk == self.latest.pk:
            return "approved"
        if self.latest.frozen_at is not None:
            return "proposed"
        return "revising" if self.approved is not None else "draft"

    @property
    def label(self):
        return STATES[self.code]


def approved_by_both(version: PlanVersion) -> bool:
    sides = {a.side_id for a in version.approvals.all() if a.fingerprint == version.fingerprint}
    return len(sides) == 2


def state_of(plan: WorkPlan) -> PlanState:
    versions = list(plan.versions.all())
    approved = [version for version in versions if approved_by_both(version)]
    return PlanState(latest=versions[-1], approved=approved[-1] if approved else None)


def measures_of(version: PlanVersion) -> list[Measure]:
    """A version's measures with everything the plan page, the comparison and the timeline
    show, in the reader's language: eight queries however many measures and links."""
    return list(
        Measure.objects.filter(version=version)
        .select_related("focus_area", "lead_side__city")
        .prefetch_related(
            reader_translations(),
            Prefetch(
                "organisations",
                queryset=with_translations(Organisation.objects.order_by("name")),
            ),
            Prefetch(
                "projects",
                queryset=with_translations(Project.objects.order_by("starts_on", "pk")),
            ),
            Prefetch("events", queryset=with_translations(Event.objects.order_by("starts_at"))),
            Prefetch("needs", queryset=with_translations(Need.objects.order_by("pk"))),
        )
        .order_by("position", "pk")
    )


# --- comparison ---


def _text(record, name: str) -> str:
    """A text in the reader's language, or as written while its translation lags behind."""
    text = shown(record, name)
    return text.original if text.is_stale else text.text


def _values(measure: Measure) -> dict[str, str]:
    """What was agreed of a measure (the fields of the fingerprint), as a reader reads it."""
    budget = measure.budget_estimate
    return {
        "title": _text(measure, "title"),
        "description": _text(measure, "description"),
        "focus_area": measure.focus_area.name if measure.focus_area else "",
        "lead_side": measure.lead_side.city.name,
        "responsible": _text(measure, "responsible"),
        "organisations": ", ".join(_text(o, "name") for o in measure.organisations.all()),
        "period": f"{day(measure.starts_on)} – {day(measure.ends_on)}",
        "budget_estimate": money(budget, measure.currency) if budget is not None else "",
    }


def _agreed(measure: Measure) -> tuple:
    """The originals compared: a change is a change of what was written, in any language."""
    return (
        measure.title,
        measure.description,
        measure.focus_area_id,
        measure.lead_side_id,
        measure.responsible,
        tuple(sorted(o.pk for o in measure.organisations.all())),
        measure.starts_on,
        measure.ends_on,
        measure.budget_estimate,
        measure.currency if measure.budget_estimate is not None else "",
    )


LABELS = {
    "title": _("Title"),
    "description": _("Description"),
    "focus_area": _("Focus area"),
    "lead_side": _("Lead side"),
    "responsible": _("Responsible"),
    "organisations": _("Organisations"),
    "period": _("Period"),
    "budget_estimate": _("Estimated cost"),
}


@dataclass(frozen=True)
class Change:
    label: str
    before: str
    after: str


@dataclass
class Compared:
    """One measure in two versions: `kind` is added, removed, changed or same."""

    kind: str
    title: str
    measure: Measure
    changes: list[Change] = field(default_factory=list)


def comparison(before: list[Measure], after: list[Measure]) -> list[Compared]:
    """The measures of two versions matched by their key, in the newer version's order with
    the removed ones at the end: what was added, removed, or changed in which fields."""
    old = {m.key: m for m in before}
    new_keys = {m.key for m in after}
    result = []
    for measure in after:
        title = _text(measure, "title")
        if measure.key not in old:
            result.append(Compared("added", title, measure))
            continue
        earlier = old[measure.key]
        if _agreed(earlier) == _agreed(measure):
            result.append(Compared("same", title, measure))
            continue
        was, now = _values(earlier), _values(measure)
        changes = [
            Change(str(LABELS[name]), was[name], now[name])
            for name in LABELS
            if was[name] != now[name]
        ]
        result.append(Compared("changed", title, measure, changes))
    result += [Compared("removed", _text(m, "title"), m) for m in before if m.key not in new_keys]
    return result


# --- timeline ---


def _month_index(start: date, day_: date) -> int:
    return (day_.year - start.year) * 12 + day_.month - start.month


@dataclass(frozen=True)
class Bar:
    """A stretch of months on the timeline (x and width in months from the plan's start,
    clipped to the plan), and the text that says the same."""

    x: int
    width: int
    text: str
    kind: str = "plan"  # plan, project, event
    y: float = 0.15  # the line it is drawn on: the plan's first, a carrier's below
    height: float = 0.7


MAX_LINES = 8  # lines of a row's chart with a height of their own; more are squeezed


@dataclass
class Row:
    measure: Measure
    title: str
    period: str
    bars: list[Bar]
    carriers: list[Bar]

    @property
    def lines(self) -> int:
        return len(self.carriers) + 1

    @property
    def height(self) -> int:
        return min(self.lines, MAX_LINES)


@dataclass
class Timeline:
    months: int
    years: list[tuple[int, int, int]]  # (year, its months inside the plan, first month's x)
    rows: list[Row]
    today: float | None  # the middle of the current month, if inside the plan


def _bar(plan: WorkPlan, start: date, end: date, text: str, kind: str) -> Bar | None:
    months = _month_index(plan.starts_on, plan.ends_on) + 1
    first = max(0, _month_index(plan.starts_on, start))
    last = min(months - 1, _month_index(plan.starts_on, end))
    if last < first:
        return Bar(0, 0, text, kind)  # outside the plan's period: said in text only
    return Bar(first, last - first + 1, text, kind)


def _month_span(start: date, end: date) -> str:
    return f"{date_format(start, 'YEAR_MONTH_FORMAT')} – {date_format(end, 'YEAR_MONTH_FORMAT')}"


def timeline(plan: WorkPlan, measures: list[Measure], today: date) -> Timeline:
    """Each measure's planned months and, beside them, the projects and events that carry it
    with their actual dates (plan versus actual); computed from `measures_of`, no query."""
    months = _month_index(plan.starts_on, plan.ends_on) + 1
    start, end = plan.starts_on, plan.ends_on
    years = []
    for year in range(start.year, end.year + 1):
        first = start.month if year == start.year else 1
        last = end.month if year == end.year else 12
        years.append((year, last - first + 1, _month_index(start, date(year, first, 1))))
    rows = []
    for measure in measures:
        period = _month_span(measure.starts_on, measure.ends_on)
        carriers = []
        for project in measure.projects.all():
            if project.starts_on and project.ends_on:
                text = (
                    f"{_text(project, 'title')}: {day(project.starts_on)} – {day(project.ends_on)}"
                )
                carriers.append(_bar(plan, project.starts_on, project.ends_on, text, "project"))
            else:
                carriers.append(Bar(0, 0, _text(project, "title"), "project"))
        for event in measure.events.all():
            start, end = localdate(event.starts_at), localdate(event.ends_at)
            text = f"{_text(event, 'title')}: {day(start)}"
            carriers.append(_bar(plan, start, end, text, "event"))
        carriers = [
            replace(bar, y=line + 0.25, height=0.5) for line, bar in enumerate(carriers, start=1)
        ]
        plan_bar = _bar(plan, measure.starts_on, measure.ends_on, period, "plan")
        rows.append(Row(measure, _text(measure, "title"), period, [plan_bar], carriers))
    inside = plan.starts_on <= today <= plan.ends_on
    now = _month_index(plan.starts_on, today) + 0.5 if inside else None
    return Timeline(months, years, rows, now)
