"""Projects on the partnership's overview: projects added and milestones completed in recent
activity, a panel with the projects by status and the next milestones; nothing for people of
another partnership."""

import uuid
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from pobratym.partnerships.models import Role
from pobratym.projects import services
from tests.projects.conftest import project_add
from tests.projects.plans import measure_add, plan_add

pytestmark = pytest.mark.django_db


def test_the_overview_shows_projects_and_milestones(partnership, office, cast, client_of):
    today = timezone.localdate()
    project = project_add(
        partnership,
        office,
        starts_on=today - timedelta(days=30),
        ends_on=today + timedelta(days=90),
    )
    past = services.milestone_add(
        project=project,
        by=office,
        idempotency_key=uuid.uuid4(),
        title="Kick-off",
        due_on=today - timedelta(days=2),
    )
    services.milestone_complete(milestone=past, by=office)
    services.milestone_add(
        project=project,
        by=office,
        idempotency_key=uuid.uuid4(),
        title="Go-live",
        due_on=today + timedelta(days=20),
    )
    overview = reverse("partnerships:dashboard", args=[partnership.slug])
    page = client_of(cast[(Role.OBSERVER, 2)]).get(overview)
    assert page.status_code == 200
    assert "Project added" in page.text
    assert "Milestone completed" in page.text
    assert "Running: 1" in page.text
    assert "Go-live" in page.text
    detail = reverse("projects:project_detail", args=[partnership.slug, project.pk])
    assert detail in page.text

    outsider = client_of(cast.outsider()).get(overview)
    assert "Go-live" not in outsider.text


def test_the_panel_says_when_there_are_no_projects(partnership, cast, client_of):
    page = client_of(cast[(Role.PARTNER, 1)]).get(
        reverse("partnerships:dashboard", args=[partnership.slug])
    )
    assert "No projects yet." in page.text


def test_a_side_approving_a_work_plan_shows_in_recent_activity(partnership, cast, client_of):
    coordinator = cast[(Role.COORDINATOR, 2)]
    plan = plan_add(partnership, cast[(Role.COORDINATOR, 1)], title="Planung 2025 / 2026")
    version = plan.versions.get()
    measure_add(plan, cast[(Role.COORDINATOR, 1)])
    services.plan_approve(
        version=version, by=coordinator, fingerprint=services.version_fingerprint(version)
    )
    overview = reverse("partnerships:dashboard", args=[partnership.slug])
    page = client_of(cast[(Role.PARTNER, 1)]).get(overview)
    assert f"Work plan approved by {coordinator.memberships.get().side.city}" in page.text
    assert "Planung 2025 / 2026, version 1" in page.text
    assert reverse("projects:plan_detail", args=[partnership.slug, plan.pk]) in page.text
    assert "Planung 2025 / 2026" not in client_of(cast.outsider()).get(overview).text
