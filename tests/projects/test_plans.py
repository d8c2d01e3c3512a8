"""Work plans through their services: a plan with its first version, measures inside its
period and of its own partnership only, both coordinators approving the same fingerprint
(the first approval freezes the version), a new version copying the measures with their
keys, progress recorded on an approved version, and each refusal at its field."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from pobratym.core.errors import Conflict, DomainError
from pobratym.partnerships.models import Role
from pobratym.projects import selectors, services
from pobratym.projects.models import Measure, PlanApproval
from tests.factories import partnership_create
from tests.projects.conftest import project_add
from tests.projects.plans import measure_add, plan_add

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinators(cast):
    return cast[(Role.COORDINATOR, 1)], cast[(Role.COORDINATOR, 2)]


@pytest.fixture
def plan(partnership, office):
    return plan_add(partnership, office)


def _latest(plan):
    return plan.versions.order_by("-number").first()


def _approve(plan, by, fingerprint=None):
    version = _latest(plan)
    fingerprint = fingerprint or version.fingerprint or services.version_fingerprint(version)
    return services.plan_approve(version=version, by=by, fingerprint=fingerprint)


def test_a_plan_starts_with_an_empty_first_version(plan):
    assert list(plan.versions.values_list("number", "frozen_at")) == [(1, None)]
    assert selectors.state_of(plan).code == "draft"


def test_a_plan_ending_before_it_starts_is_refused_at_its_end(partnership, office):
    with pytest.raises(DomainError) as refused:
        plan_add(partnership, office, starts_on=date(2026, 1, 1), ends_on=date(2025, 12, 31))
    assert refused.value.field == "ends_on"


@pytest.mark.parametrize(
    ("starts_on", "ends_on", "field"),
    [
        (date(2024, 12, 1), date(2025, 3, 1), "starts_on"),
        (date(2026, 6, 1), date(2027, 1, 31), "ends_on"),
    ],
)
def test_a_measure_outside_the_plans_period_is_refused_at_that_date(
    plan, office, starts_on, ends_on, field
):
    with pytest.raises(DomainError) as refused:
        measure_add(plan, office, starts_on=starts_on, ends_on=ends_on)
    assert refused.value.code == "measure_outside_plan" and refused.value.field == field
    assert not Measure.objects.exists()


def test_a_measure_takes_only_its_own_partnerships_side_and_records(plan, office):
    elsewhere = partnership_create()
    with pytest.raises(DomainError) as refused:
        measure_add(plan, office, lead_side=elsewhere.sides.get(position=1))
    assert refused.value.field == "lead_side"
    stranger = project_add(elsewhere, office_of(elsewhere))
    with pytest.raises(DomainError) as refused:
        measure_add(plan, office, projects=[stranger])
    assert refused.value.field == "projects"
    assert not Measure.objects.exists()


def office_of(partnership):
    from tests.factories import member_create

    return member_create(partnership, Role.STAFF, position=1).user


def test_a_negative_budget_is_refused_at_the_estimate(plan, office):
    with pytest.raises(DomainError) as refused:
        measure_add(plan, office, budget_estimate=Decimal("-1"))
    assert refused.value.field == "budget_estimate"


def test_both_coordinators_approve_the_same_version_and_the_first_freezes_it(
    plan, office, coordinators
):
    measure_add(plan, office)
    dortmund, zhytomyr = coordinators

    first = _approve(plan, dortmund)

    version = _latest(plan)
    assert version.frozen_at is not None and version.fingerprint == first.fingerprint
    detail = selectors.plan_detail(viewer=dortmund, partnership=plan.partnership, plan_id=plan.pk)
    assert selectors.state_of(detail).code == "proposed"
    with pytest.raises(Conflict) as refused:
        measure_add(plan, office, title="Noch eine")
    assert refused.value.code == "version_frozen"

    _approve(plan, zhytomyr)
    detail = selectors.plan_detail(viewer=dortmund, partnership=plan.partnership, plan_id=plan.pk)
    assert selectors.state_of(detail).code == "approved"


def test_a_side_approves_a_version_once(plan, office, coordinators):
    measure_add(plan, office)
    _approve(plan, coordinators[0])
    with pytest.raises(Conflict) as refused:
        _approve(plan, coordinators[0])
    assert refused.value.code == "already_approved"
    assert PlanApproval.objects.count() == 1


def test_an_approval_from_a_page_read_before_a_change_is_refused(plan, office, coordinators):
    measure = measure_add(plan, office)
    seen = services.version_fingerprint(_latest(plan))
    services.measure_update(measure=measure, by=office, ends_on=date(2025, 12, 31))

    with pytest.raises(Conflict) as refused:
        _approve(plan, coordinators[0], fingerprint=seen)

    assert refused.value.code == "fingerprint_mismatch" and refused.value.status == 409
    assert _latest(plan).frozen_at is None and not PlanApproval.objects.exists()


def test_the_other_side_cannot_approve_an_older_fingerprint(plan, office, coordinators):
    measure_add(plan, office)
    _approve(plan, coordinators[0])
    with pytest.raises(Conflict):
        _approve(plan, coordinators[1], fingerprint="0" * 64)
    assert PlanApproval.objects.count() == 1


def test_staff_may_not_approve_and_an_empty_plan_is_not_approved(plan, office, coordinators):
    with pytest.raises(PermissionDenied):
        _approve(plan, office)
    with pytest.raises(DomainError) as refused:
        _approve(plan, coordinators[0])
    assert refused.value.code == "plan_empty"


def test_progress_is_recorded_on_an_approved_version_without_changing_its_fingerprint(
    plan, office, coordinators, partnership
):
    measure = measure_add(plan, office)
    for coordinator in coordinators:
        _approve(plan, coordinator)
    fingerprint = _latest(plan).fingerprint
    project = project_add(partnership, office)

    services.measure_progress(
        measure=measure, by=office, status="running", progress=40, projects=[project]
    )

    measure.refresh_from_db()
    assert (measure.status, measure.progress) == ("running", 40)
    assert list(measure.projects.all()) == [project]
    assert services.version_fingerprint(_latest(plan)) == fingerprint
    with pytest.raises(DomainError) as refused:
        services.measure_progress(measure=measure, by=office, progress=101)
    assert refused.value.field == "progress"


def test_a_change_to_an_approved_plan_is_a_new_version_with_the_same_keys(
    plan, office, coordinators
):
    first = measure_add(plan, office)
    second = measure_add(plan, office, title="Jugendbegegnung")
    for coordinator in coordinators:
        _approve(plan, coordinator)
    with pytest.raises(Conflict):
        services.measure_update(measure=first, by=office, title="Anders")

    version = services.version_create(plan=plan, by=office)
    again = services.version_create(plan=plan, by=office)

    assert version.number == 2 and again.pk == version.pk
    copies = {m.key: m for m in version.measures.all()}
    assert set(copies) == {first.key, second.key}
    services.measure_update(
        measure=copies[first.key], by=office, ends_on=date(2026, 6, 30), revision=1
    )
    services.measure_remove(measure=copies[second.key], by=office)
    measure_add(plan, office, title="Städtepartnerschaft")
    detail = selectors.plan_detail(viewer=office, partnership=plan.partnership, plan_id=plan.pk)
    assert selectors.state_of(detail).code == "revising"
    compared = selectors.comparison(
        selectors.measures_of(selectors.version_of(detail, 1)),
        selectors.measures_of(selectors.version_of(detail, 2)),
    )
    kinds = {item.title: item.kind for item in compared}
    assert kinds == {
        "Fachaustausch Digitalisierung": "changed",
        "Städtepartnerschaft": "added",
        "Jugendbegegnung": "removed",
    }
    changed = next(item for item in compared if item.kind == "changed")
    assert [change.label for change in changed.changes] == ["Period"]


def test_an_older_version_is_not_approved_once_a_newer_exists(plan, office, coordinators):
    measure_add(plan, office)
    _approve(plan, coordinators[0])
    old = _latest(plan)
    services.version_create(plan=plan, by=office)
    with pytest.raises(Conflict) as refused:
        services.plan_approve(version=old, by=coordinators[1], fingerprint=old.fingerprint)
    assert refused.value.code == "version_superseded"


def test_the_title_and_years_change_only_before_any_approval(plan, office, coordinators):
    measure_add(plan, office)
    with pytest.raises(DomainError) as refused:
        services.plan_update(plan=plan, by=office, ends_on=date(2025, 6, 30))
    assert refused.value.code == "measures_outside"
    services.plan_update(plan=plan, by=office, title="Planung 2025–2026")
    plan.refresh_from_db()
    _approve(plan, coordinators[0])
    with pytest.raises(Conflict) as refused:
        services.plan_update(plan=plan, by=office, title="Anders")
    assert refused.value.code == "plan_frozen"


def test_the_timeline_places_each_measure_by_month(plan, office, partnership):
    project = project_add(partnership, office)  # 2026, the whole year
    measure_add(plan, office, projects=[project])
    detail = selectors.plan_detail(viewer=office, partnership=partnership, plan_id=plan.pk)
    timeline = selectors.timeline(
        detail, selectors.measures_of(selectors.version_of(detail)), date(2025, 5, 15)
    )
    assert timeline.months == 24 and timeline.today == 4.5
    assert timeline.years == [(2025, 12, 0), (2026, 12, 12)]
    row = timeline.rows[0]
    assert (row.bars[0].x, row.bars[0].width) == (2, 8)  # March to October 2025
    assert (row.carriers[0].x, row.carriers[0].width, row.carriers[0].kind) == (12, 12, "project")
