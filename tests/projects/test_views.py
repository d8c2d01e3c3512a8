"""The project pages: the list and a project's page in a fixed number of queries, the forms
(a project sent twice is made once, bad money refused at its field), the next step a project
asks for, and the totals in both currencies."""

import uuid
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from pobratym.partnerships.models import Role
from pobratym.projects import services
from pobratym.projects.models import BudgetLine, Project
from tests.projects.conftest import project_add

pytestmark = pytest.mark.django_db


def url(name, partnership, *args):
    return reverse(f"projects:{name}", args=[partnership.slug, *args])


def test_the_list_keeps_its_number_of_queries(
    partnership, office, client_of, django_assert_max_num_queries
):
    client = client_of(office)
    project_add(partnership, office)
    client.get(url("project_list", partnership))
    with django_assert_max_num_queries(30) as few:
        assert client.get(url("project_list", partnership)).status_code == 200
    for number in range(5):
        project = project_add(partnership, office, title=f"Projekt {number}")
        services.milestone_add(
            project=project,
            by=office,
            idempotency_key=uuid.uuid4(),
            title="M",
            due_on=date(2026, 5, 1),
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(url("project_list", partnership))
    assert "6 projects" in page.text


def _parts(project, office, count):
    for number in range(count):
        key = uuid.uuid4
        services.milestone_add(
            project=project,
            by=office,
            idempotency_key=key(),
            title=f"M{number}",
            due_on=date(2026, 5, 1),
        )
        services.indicator_add(
            project=project,
            by=office,
            idempotency_key=key(),
            title=f"I{number}",
            unit="%",
            target=Decimal(10),
        )
        services.budget_line_add(
            project=project,
            by=office,
            idempotency_key=key(),
            purpose="Server",
            amount=Decimal(100),
            currency="EUR",
        )


def test_a_projects_page_keeps_its_number_of_queries(
    partnership, project, office, client_of, django_assert_max_num_queries
):
    client = client_of(office)
    address = url("project_detail", partnership, project.pk)
    _parts(project, office, 1)
    client.get(address)
    with django_assert_max_num_queries(40) as few:
        client.get(address)
    _parts(project, office, 4)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(address)


def test_a_project_is_added_through_the_form_once(partnership, office, client_of):
    client = client_of(office)
    form = client.get(url("project_create", partnership))
    data = {
        "idempotency_key": form.context["form"]["idempotency_key"].value(),
        "title": "Digitale Schule",
        "lead_side": partnership.sides.get(position=1).pk,
        "status": "planned",
        "starts_on": "2026-01-01",
        "ends_on": "2026-12-31",
    }
    first = client.post(url("project_create", partnership), data)
    again = client.post(url("project_create", partnership), data)
    assert first.status_code == again.status_code == 302
    assert first["Location"] == again["Location"]
    assert Project.objects.filter(title="Digitale Schule").count() == 1


def test_a_project_ending_before_it_starts_is_refused_at_its_end(partnership, office, client_of):
    client = client_of(office)
    page = client.post(
        url("project_create", partnership),
        {
            "title": "Rückwärts",
            "lead_side": partnership.sides.get(position=1).pk,
            "status": "idea",
            "starts_on": "2026-05-01",
            "ends_on": "2026-04-01",
        },
        HTTP_ACCEPT_LANGUAGE="de",
    )
    assert page.status_code == 400
    assert page.context["form"].errors["ends_on"]
    assert not Project.objects.exists()


def test_a_hryvnia_line_without_a_rate_is_refused_and_not_saved(
    partnership, project, office, client_of
):
    client = client_of(office)
    page = client.post(
        url("budget_line_add", partnership, project.pk),
        {"purpose": "Generatoren", "amount": "120000", "currency": "UAH"},
    )
    assert page.status_code == 400
    assert page.context["form"].errors["rate"]
    assert not BudgetLine.objects.exists()


def test_the_page_totals_the_budget_in_euro_and_hryvnia(partnership, project, office, client_of):
    services.budget_line_add(
        project=project,
        by=office,
        idempotency_key=uuid.uuid4(),
        purpose="Generatoren",
        amount=Decimal("90000"),
        currency="UAH",
        rate=Decimal("45"),
        rate_on=date(2026, 3, 2),
    )
    page = client_of(office).get(url("project_detail", partnership, project.pk))
    budget = page.context["budget"]
    assert (budget.eur, budget.uah) == (Decimal("2000.00"), Decimal("90000.00"))
    assert "2,000.00" in page.text


def test_the_next_step_leads_from_milestones_to_their_completion(
    partnership, project, office, client_of
):
    client = client_of(office)
    address = url("project_detail", partnership, project.pk)
    assert client.get(address).context["next_step"] == "milestones"
    milestone = services.milestone_add(
        project=project,
        by=office,
        idempotency_key=uuid.uuid4(),
        title="Go-live",
        due_on=date(2026, 9, 1),
    )
    page = client.get(address)
    assert page.context["next_step"] == "milestone_due"
    assert url("milestone_complete", partnership, project.pk, milestone.pk) in page.text
    client.post(url("milestone_complete", partnership, project.pk, milestone.pk))
    assert client.get(address).context["next_step"] == "budget"


def test_an_observer_reads_but_finds_no_forms(partnership, project, cast, client_of):
    client = client_of(cast[(Role.OBSERVER, 2)])
    page = client.get(url("project_detail", partnership, project.pk))
    assert page.status_code == 200
    assert url("project_edit", partnership, project.pk) not in page.text
    assert url("milestone_add", partnership, project.pk) not in page.text
    assert client.get(url("project_edit", partnership, project.pk)).status_code == 403
