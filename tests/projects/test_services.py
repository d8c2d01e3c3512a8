"""Projects and their parts through the services: added once per key, dates in order,
milestones inside the project's period, money as Decimal with a currency and its rate, and
bad input refused at the field with nothing saved."""

import uuid
from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from pobratym.core.errors import DomainError, Stale
from pobratym.partnerships.models import Role
from pobratym.projects import selectors, services
from pobratym.projects.models import BudgetLine, Milestone, Project
from tests.factories import focus_area_create, partnership_create
from tests.projects.conftest import project_add

pytestmark = pytest.mark.django_db


def refused(call, field):
    with pytest.raises(DomainError) as error:
        call()
    assert error.value.field == field
    return error.value


def test_a_project_sent_twice_with_one_key_is_made_once(partnership, office):
    key = uuid.uuid4()
    side = partnership.sides.get(position=2)
    first = services.project_create(
        partnership=partnership, by=office, idempotency_key=key, title="Schulen", lead_side=side
    )
    again = services.project_create(
        partnership=partnership, by=office, idempotency_key=key, title="Schulen", lead_side=side
    )
    assert first.pk == again.pk
    assert Project.objects.count() == 1


def test_an_end_before_the_start_is_refused_and_nothing_saved(partnership, office):
    refused(
        lambda: project_add(
            partnership, office, starts_on=date(2026, 5, 1), ends_on=date(2026, 4, 1)
        ),
        "ends_on",
    )
    assert not Project.objects.exists()


def test_a_side_or_focus_area_of_another_partnership_is_refused(partnership, office):
    other = partnership_create()
    refused(lambda: project_add(partnership, office, lead_side=other.sides.first()), "lead_side")
    area = focus_area_create(other)
    refused(lambda: project_add(partnership, office, focus_area=area), "focus_area")
    assert not Project.objects.exists()


def test_observers_and_partners_cannot_add_projects(partnership, cast):
    for role in (Role.OBSERVER, Role.PARTNER):
        with pytest.raises(PermissionDenied):
            project_add(partnership, cast[(role, 2)])


def test_a_milestone_outside_the_project_is_refused(project, office):
    for day in (date(2025, 12, 31), date(2027, 1, 1)):
        refused(
            lambda day=day: services.milestone_add(
                project=project, by=office, idempotency_key=uuid.uuid4(), title="X", due_on=day
            ),
            "due_on",
        )
    assert not Milestone.objects.exists()


def test_the_period_cannot_shrink_past_a_milestone(project, office):
    services.milestone_add(
        project=project,
        by=office,
        idempotency_key=uuid.uuid4(),
        title="Go-live",
        due_on=date(2026, 11, 1),
    )
    error = refused(
        lambda: services.project_update(
            project=project, by=office, revision=project.revision, ends_on=date(2026, 10, 1)
        ),
        "starts_on",
    )
    assert "Go-live" in error.message
    project.refresh_from_db()
    assert project.ends_on == date(2026, 12, 31)


def test_an_edit_on_an_old_revision_is_refused(project, office):
    seen = project.revision
    services.project_update(project=project, by=office, revision=seen, status="completed")
    with pytest.raises(Stale):
        services.project_update(project=project, by=office, revision=seen, status="cancelled")
    project.refresh_from_db()
    assert project.status == "completed"


def test_a_milestone_completed_twice_keeps_its_first_day(project, office):
    milestone = services.milestone_add(
        project=project,
        by=office,
        idempotency_key=uuid.uuid4(),
        title="Go-live",
        due_on=date(2026, 6, 1),
    )
    done = services.milestone_complete(
        milestone=milestone, by=office, completed_on=date(2026, 6, 2)
    )
    again = services.milestone_complete(milestone=done, by=office, completed_on=date(2026, 6, 9))
    assert again.completed_on == date(2026, 6, 2)


def line(project, office, **fields):
    data = {"purpose": "Server", "amount": Decimal("1000.00"), "currency": "EUR", **fields}
    return services.budget_line_add(
        project=project, by=office, idempotency_key=uuid.uuid4(), **data
    )


def test_budget_totals_in_both_currencies_at_each_lines_rate(project, office):
    line(
        project,
        office,
        amount=Decimal("1000.00"),
        currency="EUR",
        rate=Decimal("45.0000"),
        rate_on=date(2026, 3, 1),
    )
    line(
        project,
        office,
        amount=Decimal("90000.00"),
        currency="UAH",
        rate=Decimal("45.0000"),
        rate_on=date(2026, 3, 1),
    )
    line(project, office, amount=Decimal("10.00"), currency="EUR")
    budget = selectors.budget_of(project.budget_lines.all())
    assert budget.eur == Decimal("3010.00")
    assert budget.uah == Decimal("135000.00")
    assert budget.unconverted == 1
    assert isinstance(budget.eur, Decimal)


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"amount": Decimal("-1")}, "amount"),
        ({"currency": "USD"}, "currency"),
        ({"currency": "UAH"}, "rate"),
        ({"currency": "UAH", "rate": Decimal("44.1")}, "rate_on"),
        ({"currency": "UAH", "rate": Decimal("0"), "rate_on": date(2026, 1, 1)}, "rate"),
    ],
)
def test_bad_money_is_refused_at_its_field(project, office, fields, field):
    refused(lambda: line(project, office, **fields), field)
    assert not BudgetLine.objects.exists()


def test_the_list_counts_milestones_and_shows_only_the_partnerships_projects(
    partnership, project, office, cast
):
    services.milestone_add(
        project=project, by=office, idempotency_key=uuid.uuid4(), title="A", due_on=date(2026, 3, 1)
    )
    done = services.milestone_add(
        project=project, by=office, idempotency_key=uuid.uuid4(), title="B", due_on=date(2026, 2, 1)
    )
    services.milestone_complete(milestone=done, by=office, completed_on=date(2026, 2, 1))
    listed = list(selectors.project_list(viewer=cast[(Role.OBSERVER, 2)], partnership=partnership))
    assert [(p.milestone_count, p.milestones_done, p.next_due) for p in listed] == [
        (2, 1, date(2026, 3, 1))
    ]
    outsider = cast.outsider()
    with pytest.raises(Http404):
        selectors.project_list(viewer=outsider, partnership=partnership)
