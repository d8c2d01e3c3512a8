"""The demo's projects: reconstruction and each focus area of the agreement, with the demo
directory's organisations, milestones, results and budgets in both currencies; the
reconstruction project carries the generators need and tells of its survey in an update;
loaded as often as wanted once."""

from io import StringIO

import pytest
from django.core.management import call_command

from pobratym.projects.models import BudgetLine, Milestone, Project
from pobratym.translation.selectors import shown

pytestmark = pytest.mark.django_db


def test_the_demo_projects_are_loaded_once_in_every_language():
    call_command("demo", stdout=StringIO())
    counts = (Project.objects.count(), Milestone.objects.count(), BudgetLine.objects.count())
    call_command("demo", stdout=StringIO())
    assert (
        Project.objects.count(),
        Milestone.objects.count(),
        BudgetLine.objects.count(),
    ) == counts
    areas = set(Project.objects.values_list("focus_area__key", flat=True))
    assert {
        "reconstruction",
        "digitalisation",
        "urban-planning-heritage",
        "economy-innovation",
        "science",
    } <= areas
    water = Project.objects.get(focus_area__key="reconstruction")
    assert water.humanitarian and water.public
    assert water.needs.filter(sector="energy").exists()
    assert water.roles.filter(role="lead", organisation__side=water.lead_side).exists()
    assert water.budget_lines.filter(currency="UAH", rate__isnull=False).exists()
    assert shown(water, "title", "de").text == "Wiederaufbau der Wasserversorgung in Schytomyr"
    assert shown(water.milestones.first(), "title", "en").text
    assert shown(water.updates.get(), "body", "de").text.startswith("Die Begutachtung")
