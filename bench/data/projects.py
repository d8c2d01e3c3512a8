"""The projects and the work plan of each generated partnership: projects over three years
around today in every status, each with milestones inside its period, an indicator, two
budget lines (one in hryvnia with its rate) and two organisations; and one work plan of two
years whose approved version carries a measure per project it links, up to twenty.

All with `bulk_create`, valid by construction (dates inside periods, amounts positive, a
hryvnia amount always with its rate and date), as the services would make them."""

import random
from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

from pobratym.directory.models import Organisation
from pobratym.partnerships.models import Partnership, Role
from pobratym.projects.models import (
    BudgetLine,
    Indicator,
    Measure,
    Milestone,
    OrganisationRole,
    PlanApproval,
    PlanVersion,
    Project,
    ProjectOrganisation,
    ProjectStatus,
    WorkPlan,
)

from .people import Cast

BATCH = 5000
LANGUAGES = {1: "de", 2: "uk"}
TITLES = {
    1: ["Digitales Rathaus {n}", "Schulsanierung {n}", "Fachkräfteaustausch {n}", "Wasserwerk {n}"],
    2: ["Цифрова мерія {n}", "Відновлення школи {n}", "Обмін фахівцями {n}", "Водоканал {n}"],
}
DESCRIPTIONS = {
    1: "Gemeinsam mit der Partnerstadt geplant; Fortschritt im Ratsbericht.",
    2: "Сплановано разом із містом-партнером; поступ у звіті для міської ради.",
}
MEASURES_PER_PLAN = 20
RATE = Decimal("45.1200")


def _projects(partnership, sides, by, count: int, rng, today: date, last_year) -> list[Project]:
    areas = list(partnership.focus_areas.all())
    new_year = date(today.year - 1, 1, 1)
    made = []
    for number in range(count):
        lead = sides[number % 2]
        if last_year:  # two years from some day of the year before: through all of last year
            starts = new_year - timedelta(days=rng.randrange(0, 365))
        else:
            starts = today + timedelta(days=rng.randrange(-730, 180))
        made.append(
            Project(
                partnership=partnership,
                title=rng.choice(TITLES[lead.position]).format(n=number),
                description=DESCRIPTIONS[lead.position],  # IATI publishes none without
                language=LANGUAGES[lead.position],
                focus_area=rng.choice(areas) if areas else None,
                lead_side=lead,
                status=rng.choice(ProjectStatus.values),
                starts_on=starts,
                ends_on=starts + timedelta(days=730 if last_year else rng.choice([180, 365, 730])),
                humanitarian=rng.random() < 0.3,
                public=rng.random() < 0.5,
                created_by=by,
            )
        )
    return Project.objects.bulk_create(made, batch_size=BATCH)


def _parts(projects, organisations, milestones: int, rng, today: date) -> int:
    """Milestones (`milestones` in all, spread over the projects), indicators, budget lines
    and organisations in roles; returns the number of milestones made."""
    made_milestones, indicators, lines, roles = [], [], [], []
    for index, project in enumerate(projects):
        span = (project.ends_on - project.starts_on).days
        share = milestones // len(projects) + (1 if index < milestones % len(projects) else 0)
        for step in range(share):
            due = project.starts_on + timedelta(days=span * (step + 1) // (share + 1))
            made_milestones.append(
                Milestone(
                    project=project,
                    title=f"Schritt {step + 1}",
                    language=project.language,
                    due_on=due,
                    completed_on=due if due < today and rng.random() < 0.7 else None,
                )
            )
        indicators.append(
            Indicator(
                project=project,
                title="Beteiligte",
                unit="Personen",
                language=project.language,
                baseline=Decimal(0),
                target=Decimal(rng.randrange(10, 500)),
                actual=Decimal(rng.randrange(0, 400)),
            )
        )
        source = organisations[index % len(organisations)] if organisations else None
        lines.append(
            BudgetLine(
                project=project,
                source=source,
                purpose="Sachkosten",
                amount=Decimal(rng.randrange(1_000, 200_000)),
                currency="EUR",
            )
        )
        lines.append(
            BudgetLine(
                project=project,
                source=source,
                purpose="Eigenanteil",
                amount=Decimal(rng.randrange(10_000, 2_000_000)),
                currency="UAH",
                rate=RATE,
                rate_on=project.starts_on,
            )
        )
        for offset, role in enumerate((OrganisationRole.LEAD, OrganisationRole.PARTNER)):
            if len(organisations) > offset:
                organisation = organisations[(index + offset) % len(organisations)]
                roles.append(
                    ProjectOrganisation(project=project, organisation=organisation, role=role)
                )
    Milestone.objects.bulk_create(made_milestones, batch_size=BATCH)
    Indicator.objects.bulk_create(indicators, batch_size=BATCH)
    BudgetLine.objects.bulk_create(lines, batch_size=BATCH)
    ProjectOrganisation.objects.bulk_create(roles, batch_size=BATCH, ignore_conflicts=True)
    return len(made_milestones)


def _plan(partnership, sides, cast, projects, rng, today: date) -> int:
    """A two-year plan approved by both sides, with a measure for each of up to twenty
    projects; returns the number of measures."""
    by = cast[1, Role.COORDINATOR][0]
    starts = date(today.year - 1, 1, 1)
    ends = date(today.year, 12, 31)
    plan = WorkPlan.objects.create(
        partnership=partnership,
        title=f"Planung {starts.year} / {ends.year}",
        language="de",
        starts_on=starts,
        ends_on=ends,
        created_by=by,
    )
    fingerprint = f"{partnership.pk:064x}"
    version = PlanVersion.objects.create(
        plan=plan, number=1, fingerprint=fingerprint, frozen_at=timezone.now(), created_by=by
    )
    PlanApproval.objects.bulk_create(
        PlanApproval(
            version=version,
            side=side,
            fingerprint=fingerprint,
            approved_by=cast[side.position, Role.COORDINATOR][0],
        )
        for side in sides
    )
    measures = []
    for position, project in enumerate(projects[:MEASURES_PER_PLAN], start=1):
        first = max(starts, min(project.starts_on, ends))
        last = min(ends, max(project.ends_on, first))
        measures.append(
            Measure(
                version=version,
                position=position,
                title=f"Maßnahme {position}",
                language="de",
                focus_area=project.focus_area,
                lead_side=project.lead_side,
                starts_on=first,
                ends_on=last,
                budget_estimate=Decimal(rng.randrange(5_000, 100_000)),
                status=rng.choice(Measure.Status.values),
                progress=rng.randrange(0, 101),
            )
        )
    made = Measure.objects.bulk_create(measures, batch_size=BATCH)
    Measure.projects.through.objects.bulk_create(
        Measure.projects.through(measure=measure, project=project)
        for measure, project in zip(made, projects, strict=False)
    )
    return len(made)


def projects_and_plan(
    partnership: Partnership,
    cast: Cast,
    *,
    projects: int,
    milestones: int,
    rng: random.Random,
    today: date,
    last_year: bool = False,
) -> tuple[int, int, int]:
    """Returns (projects, milestones, measures) made; with `last_year`, every project runs
    through all of last year (the council report of a partnership-year with them all)."""
    sides = list(partnership.sides.select_related("city").order_by("position"))
    by = cast[1, Role.COORDINATOR][0]
    organisations = list(Organisation.objects.filter(partnership=partnership).order_by("pk")[:20])
    made = _projects(partnership, sides, by, projects, rng, today, last_year)
    made_milestones = _parts(made, organisations, milestones, rng, today) if made else 0
    measures = _plan(partnership, sides, cast, made, rng, today)
    return len(made), made_milestones, measures
