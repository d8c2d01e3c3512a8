"""The work plan pages in a real browser: axe-core (WCAG 2.1 A and AA) in all three languages
as Zhytomyr's coordinator, whose side has the 2025/2026 plan still to approve (so its
approval form shows), and no horizontal scrolling on a 390 px phone: the plans, a plan, the
comparison of two versions, the timeline and the measure forms."""

from datetime import date

import pytest

from tests.browser.helpers import SLUG, assert_pages_pass_axe_and_fit_a_phone

PLANS = f"/partnerships/{SLUG}/projects/plans"


def _pages() -> list[tuple[str, str]]:
    from pobratym.accounts.models import User
    from pobratym.partnerships.demo import demo_email
    from pobratym.projects import services
    from pobratym.projects.models import WorkPlan

    earlier, later = WorkPlan.objects.filter(partnership__slug=SLUG).order_by("starts_on")
    # A second version of the approved plan with one measure moved, to compare.
    office = User.objects.get(email=demo_email("coordinator", "dortmund"))
    version = services.version_create(plan=earlier, by=office)
    measure = version.measures.order_by("position")[1]
    services.measure_update(measure=measure, by=office, ends_on=date(2024, 6, 30))
    first = later.versions.get().measures.order_by("position")[0]
    return [
        ("work plans", f"{PLANS}/"),
        ("approved plan", f"{PLANS}/{earlier.pk}/versions/1/"),
        ("new version of the approved plan", f"{PLANS}/{earlier.pk}/"),
        ("plan to approve", f"{PLANS}/{later.pk}/"),
        ("comparison", f"{PLANS}/{earlier.pk}/compare/"),
        ("timeline", f"{PLANS}/{earlier.pk}/timeline/?version=1"),
        ("timeline to approve", f"{PLANS}/{later.pk}/timeline/"),
        ("new plan", f"{PLANS}/new/"),
        ("new measure", f"{PLANS}/{earlier.pk}/measures/new/"),
        ("measure progress", f"{PLANS}/{later.pk}/measures/{first.pk}/progress/"),
    ]


@pytest.mark.parametrize("language", ["de", "uk", "en"])
def test_every_plan_page_passes_axe_and_fits_a_phone(demo, new_context, site, language):
    email = demo.demo_email("coordinator", "zhytomyr")
    assert_pages_pass_axe_and_fit_a_phone(new_context, site, email, language, _pages())
