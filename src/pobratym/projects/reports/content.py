"""What a council report says, as sections of headings, paragraphs, tables and charts in the
active language: the PDF template and the DOCX writer both print these, so the two files
cannot say different things."""

from dataclasses import dataclass, field
from datetime import date

from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from pobratym.core.formatting import day, money, number

from ..selectors.reports import ReportYear, measures_by_status
from .charts import bar_chart

CHART_FUNDERS = 12  # the chart names the largest; the table below it names every funder


@dataclass(frozen=True)
class Paragraph:
    kind = "paragraph"
    text: str


@dataclass(frozen=True)
class Subheading:
    kind = "subheading"
    text: str


@dataclass(frozen=True)
class Table:
    kind = "table"
    caption: str
    header: list[str]
    rows: list[list[str]]
    numeric: tuple[int, ...] = ()  # columns aligned right


@dataclass
class Section:
    heading: str
    items: list = field(default_factory=list)


def title_of(year: int) -> str:
    return _("Council report %(year)s") % {"year": year}


def sections(data: ReportYear) -> list[Section]:
    """The report's sections after its title page; one saying so for a year without data."""
    if data.empty:
        text = _(
            "Nothing was recorded for %(year)s: no work plan, project, funding, event or aid. "
            "This report is therefore empty."
        )
        return [Section(_("Summary"), [Paragraph(text % {"year": data.year})])]
    return [_plans(data), _projects(data), _money(data), _events(data), _aid(data)]


def _period(starts_on: date | None, ends_on: date | None) -> str:
    return f"{day(starts_on) if starts_on else '…'} – {day(ends_on) if ends_on else '…'}"


def _plans(data: ReportYear) -> Section:
    section = Section(_("Work plan and measures"))
    if not data.plans:
        section.items.append(Paragraph(_("No work plan covers %(year)s.") % {"year": data.year}))
        return section
    for plan in data.plans:
        section.items.append(Subheading(plan.title))
        facts = _("%(first)s–%(last)s, version %(version)s: %(state)s.") % {
            "first": plan.starts_on.year,
            "last": plan.ends_on.year,
            "version": plan.version,
            "state": plan.state,
        }
        section.items.append(Paragraph(facts))
        rows = [
            [measure.title, measure.status_label, f"{measure.progress} %"]
            for measure in plan.measures
        ]
        if not rows:
            section.items.append(Paragraph(_("This version has no measures yet.")))
            continue
        header = [_("Measure"), _("Status"), _("Progress")]
        section.items.append(Table(_("Measures of the plan"), header, rows, numeric=(2,)))
    statuses = measures_by_status(data.measures)
    if statuses:
        title = _("Measures by status")
        section.items.append(
            bar_chart(
                title,
                [label for label, _count in statuses],
                [(_("Measures"), [count for _label, count in statuses])],
                horizontal=True,
                counts=True,
            )
        )
        rows = [[str(label), number(count)] for label, count in statuses]
        section.items.append(Table(title, [_("Status"), _("Measures")], rows, numeric=(1,)))
    return section


def _projects(data: ReportYear) -> Section:
    section = Section(_("Projects"))
    if not data.projects:
        section.items.append(Paragraph(_("No project ran in %(year)s.") % {"year": data.year}))
        return section
    rows = [
        [
            project.title,
            project.status_label,
            _period(project.starts_on, project.ends_on),
            _("%(done)s of %(all)s") % {"done": project.milestones_done, "all": project.milestones},
        ]
        for project in data.projects
    ]
    header = [_("Project"), _("Status"), _("Period"), _("Milestones done")]
    section.items.append(Table(_("Projects active in the year"), header, rows))
    for project in data.projects:
        if not project.indicators:
            continue
        section.items.append(Subheading(_("Results: %(project)s") % {"project": project.title}))
        rows = [
            [
                indicator.title,
                indicator.unit,
                number(indicator.baseline),
                number(indicator.target),
                number(indicator.actual) if indicator.actual is not None else "—",
            ]
            for indicator in project.indicators
        ]
        header = [_("Result"), _("Unit"), _("Baseline"), _("Target"), _("Actual")]
        section.items.append(Table(_("Results and indicators"), header, rows, numeric=(2, 3, 4)))
    return section


def _money(data: ReportYear) -> Section:
    section = Section(_("Money by funder"))
    if not data.funders:
        text = _("No budget or grant is recorded for %(year)s.") % {"year": data.year}
        section.items.append(Paragraph(text))
        return section
    title = _("Money by funder (EUR)")
    shown, others = data.funders[:CHART_FUNDERS], data.funders[CHART_FUNDERS:]
    labels = [row.funder for row in shown]
    budgets = [row.budgeted.eur for row in shown]
    grants = [row.granted_eur for row in shown]
    if others:
        labels.append(_("all other funders"))
        budgets.append(sum(row.budgeted.eur for row in others))
        grants.append(sum(row.granted_eur for row in others))
    section.items.append(
        bar_chart(
            title,
            labels,
            [
                (_("Budget"), [float(value) for value in budgets]),
                (_("Granted"), [float(value) for value in grants]),
            ],
            horizontal=True,
        )
    )
    rows = [
        [
            row.funder,
            money(row.budgeted.eur),
            money(row.budgeted.uah, "UAH"),
            money(row.granted_eur),
            money(row.granted_uah, "UAH"),
        ]
        for row in data.funders
    ]
    rows.append(
        [
            _("Total"),
            money(sum(row.budgeted.eur for row in data.funders)),
            money(sum(row.budgeted.uah for row in data.funders), "UAH"),
            money(sum(row.granted_eur for row in data.funders)),
            money(sum(row.granted_uah for row in data.funders), "UAH"),
        ]
    )
    header = [
        _("Funder"),
        _("Budget in EUR"),
        _("Budget in UAH"),
        _("Granted in EUR"),
        _("Granted in UAH"),
    ]
    section.items.append(Table(title, header, rows, numeric=(1, 2, 3, 4)))
    note = _(
        "The budget is that of the projects active in the year, each line converted at its own "
        "exchange rate. Grants are those granted in the year, in the currency granted."
    )
    section.items.append(Paragraph(note))
    if unconverted := sum(row.budgeted.unconverted for row in data.funders):
        left_out = ngettext(
            "%(count)s budget line in euro has no exchange rate and is left out of the "
            "hryvnia totals.",
            "%(count)s budget lines in euro have no exchange rate and are left out of the "
            "hryvnia totals.",
            unconverted,
        )
        section.items.append(Paragraph(left_out % {"count": unconverted}))
    return section


def _events(data: ReportYear) -> Section:
    section = Section(_("Events"))
    if not data.events:
        section.items.append(Paragraph(_("No event took place in %(year)s.") % {"year": data.year}))
        return section
    rows = [[str(label), number(count)] for label, count in data.events]
    header = [_("Kind"), _("Events")]
    section.items.append(Table(_("Events by kind"), header, rows, numeric=(1,)))
    if data.public_events:
        rows = [[day(when), str(kind), title] for when, kind, title in data.public_events]
        header = [_("Date"), _("Kind"), _("Event")]
        section.items.append(Table(_("Public events"), header, rows))
    return section


def _aid(data: ReportYear) -> Section:
    aid = data.aid
    section = Section(_("Aid"))
    rows = [
        [_("Needs posted"), number(aid.needs)],
        [_("Shipments departed"), number(aid.shipments)],
        [_("Value pledged"), money(aid.pledged)],
        [_("Value shipped"), money(aid.shipped)],
        [_("Value received"), money(aid.received)],
    ]
    section.items.append(Table(_("Aid in the year"), [_("Figure"), _("Total")], rows, (1,)))
    months = [formats.date_format(month.month, "M") for month in aid.months]
    title = _("Aid per month (EUR)")
    section.items.append(
        bar_chart(
            title,
            months,
            [
                (_("Shipped"), [float(month.shipped) for month in aid.months]),
                (_("Received"), [float(month.received) for month in aid.months]),
            ],
        )
    )
    rows = [
        [label, money(month.pledged), money(month.shipped), money(month.received)]
        for label, month in zip(months, aid.months, strict=True)
    ]
    header = [_("Month"), _("Pledged"), _("Shipped"), _("Received")]
    section.items.append(Table(title, header, rows, numeric=(1, 2, 3)))
    note = _("Values are the donors' estimates in EUR, counted as on the aid dashboard.")
    section.items.append(Paragraph(note))
    return section
