"""The demo's work plans: the "Planung 2023 / 2024" of the draft agreement approved by both
sides, with measures for its aims and focus areas linked to the demo's projects, events and
needs, and the plan for 2025/2026 that turns the partnership into a twinning, approved by
Dortmund only and so awaiting the Zhytomyr coordinator; loaded as often as wanted once."""

from io import StringIO

import pytest
from django.core.management import call_command

from pobratym.accounts.models import User
from pobratym.partnerships.demo import demo_email
from pobratym.partnerships.work import work_for
from pobratym.projects import selectors
from pobratym.projects.models import Measure, WorkPlan
from pobratym.translation.selectors import shown

pytestmark = pytest.mark.django_db


def test_the_demo_plans_are_loaded_once_in_every_language():
    call_command("demo", stdout=StringIO())
    counts = (WorkPlan.objects.count(), Measure.objects.count())
    call_command("demo", stdout=StringIO())
    assert (WorkPlan.objects.count(), Measure.objects.count()) == counts == (2, 12)

    earlier, later = WorkPlan.objects.order_by("starts_on")
    assert shown(earlier, "title", "de").text == "Planung 2023 / 2024"
    assert shown(earlier, "title", "uk").text == "Планування 2023 / 2024"
    assert selectors.state_of(earlier).code == "approved"
    assert selectors.state_of(later).code == "proposed"
    assert [a.side.position for a in later.versions.get().approvals.all()] == [1]
    areas = set(
        Measure.objects.filter(version__plan=earlier).values_list("focus_area__key", flat=True)
    )
    assert {"humanitarian-aid", "reconstruction", "digitalisation", "science"} <= areas
    water = Measure.objects.get(version__plan=earlier, focus_area__key="reconstruction")
    assert water.projects.exists() and water.events.exists() and water.needs.exists()
    assert shown(water, "title", "en").text == "Reconstruction: a reliable water supply"
    twinning = Measure.objects.get(version__plan=later, position=1)
    assert shown(twinning, "title", "uk").text.startswith("Перетворення на партнерство міст")

    zhytomyr = User.objects.get(email=demo_email("coordinator", "zhytomyr"))
    dortmund = User.objects.get(email=demo_email("coordinator", "dortmund"))
    [item] = [item for item in work_for(zhytomyr) if "/plans/" in item.url]
    assert str(item.kind) == "Approve the work plan"
    assert not [item for item in work_for(dortmund) if "/plans/" in item.url]
