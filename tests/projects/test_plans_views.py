"""The work plan pages: the plan page and the timeline in a fixed number of queries however
many measures and links, a measure sent twice made once, bad input refused at its field, an
approval from a page read before a change refused with 409, and the coordinator whose side
has not approved finding the plan in My work."""

import uuid
from datetime import date

import pytest
from django.urls import reverse

from pobratym.partnerships.models import Role
from pobratym.partnerships.work import work_for
from pobratym.projects import services
from pobratym.projects.models import Measure
from tests.projects.plans import measure_add, measures_add, plan_add
from tests.queries import page_keeps_its_queries

pytestmark = pytest.mark.django_db


def url(name, partnership, *args):
    return reverse(f"projects:{name}", args=[partnership.slug, *args])


@pytest.fixture
def plan(partnership, office):
    return plan_add(partnership, office)


@pytest.mark.parametrize("page", ["plan_detail", "plan_timeline", "plan_compare"])
def test_the_plan_pages_keep_their_number_of_queries(
    partnership, plan, office, client_of, django_assert_max_num_queries, page
):
    client = client_of(office)
    measures_add(plan, office, 1)
    client.get(url(page, partnership, plan.pk))
    with django_assert_max_num_queries(40) as few:
        assert client.get(url(page, partnership, plan.pk)).status_code == 200
    measures_add(plan, office, 4, first=1)
    with django_assert_max_num_queries(len(few.captured_queries)):
        shown = client.get(url(page, partnership, plan.pk))
    assert "Maßnahme 4" in shown.text


def test_a_measure_sent_twice_is_added_once(partnership, plan, office, client_of):
    client = client_of(office)
    form = {
        "idempotency_key": str(uuid.uuid4()),
        "title": "Jugendbegegnung",
        "lead_side": partnership.sides.get(position=2).pk,
        "starts_on": "2025-07-01",
        "ends_on": "2025-07-14",
        "currency": "EUR",
    }
    for _ in range(2):
        assert client.post(url("measure_add", partnership, plan.pk), form).status_code == 302
    assert Measure.objects.filter(title="Jugendbegegnung").count() == 1


def test_a_measure_outside_the_period_is_refused_at_its_field(partnership, plan, office, client_of):
    form = {
        "title": "Zu spät",
        "lead_side": partnership.sides.get(position=1).pk,
        "starts_on": "2026-06-01",
        "ends_on": "2027-02-01",
        "currency": "EUR",
    }
    page = client_of(office).post(url("measure_add", partnership, plan.pk), form)
    assert page.status_code == 400
    assert page.context["form"].errors["ends_on"]
    assert not Measure.objects.exists()


def test_a_frozen_version_takes_no_measure(partnership, plan, office, cast, client_of):
    measure = measure_add(plan, office)
    coordinator = cast[(Role.COORDINATOR, 1)]
    version = plan.versions.get()
    services.plan_approve(
        version=version, by=coordinator, fingerprint=services.version_fingerprint(version)
    )
    form = {
        "title": "Noch eine",
        "lead_side": partnership.sides.get(position=1).pk,
        "starts_on": "2025-07-01",
        "ends_on": "2025-07-14",
        "currency": "EUR",
    }
    client = client_of(office)
    assert client.post(url("measure_add", partnership, plan.pk), form).status_code == 409
    edit = {**form, "revision": measure.revision}
    assert (
        client.post(url("measure_edit", partnership, plan.pk, measure.pk), edit).status_code == 409
    )
    progress = {"status": "running", "progress": 30, "revision": measure.revision}
    answer = client.post(url("measure_progress", partnership, plan.pk, measure.pk), progress)
    assert answer.status_code == 302
    measure.refresh_from_db()
    assert measure.progress == 30


def test_an_approval_from_an_old_page_is_refused_with_409(
    partnership, plan, office, cast, client_of
):
    measure = measure_add(plan, office)
    coordinator = cast[(Role.COORDINATOR, 2)]
    client = client_of(coordinator)
    page = client.get(url("plan_detail", partnership, plan.pk))
    seen = page.context["fingerprint"]
    services.measure_update(measure=measure, by=office, title="Geänderter Titel")

    answer = client.post(url("plan_approve", partnership, plan.pk, 1), {"fingerprint": seen})

    assert answer.status_code == 409
    assert "The plan has changed since you opened it" in answer.text
    assert not plan.versions.get().approvals.exists()
    fresh = client.get(url("plan_detail", partnership, plan.pk)).context["fingerprint"]
    answer = client.post(url("plan_approve", partnership, plan.pk, 1), {"fingerprint": fresh})
    assert answer.status_code == 302
    assert plan.versions.get().approvals.get().side.position == 2


def test_the_other_sides_coordinator_finds_the_plan_in_my_work(partnership, plan, office, cast):
    measure_add(plan, office)
    dortmund, zhytomyr = cast[(Role.COORDINATOR, 1)], cast[(Role.COORDINATOR, 2)]
    assert not [item for item in work_for(dortmund) if "/plans/" in item.url]
    version = plan.versions.get()
    services.plan_approve(
        version=version, by=dortmund, fingerprint=services.version_fingerprint(version)
    )

    [item] = [item for item in work_for(zhytomyr) if "/plans/" in item.url]
    assert str(item.kind) == "Approve the work plan" and item.title == "Planung 2025/2026"
    for person in (cast[(Role.COORDINATOR, 1)], cast[(Role.STAFF, 2)]):
        assert not [item for item in work_for(person) if "/plans/" in item.url]


def test_the_comparison_shows_what_changed_between_versions(
    partnership, plan, office, cast, client_of
):
    measure_add(plan, office)
    version = plan.versions.get()
    for side in (1, 2):
        services.plan_approve(
            version=version,
            by=cast[(Role.COORDINATOR, side)],
            fingerprint=services.version_fingerprint(version),
        )
    new = services.version_create(plan=plan, by=office)
    services.measure_update(measure=new.measures.get(), by=office, ends_on=date(2026, 3, 31))

    page = client_of(office).get(url("plan_compare", partnership, plan.pk))

    assert page.status_code == 200
    assert [item.kind for item in page.context["compared"]] == ["changed"]
    assert (
        "31.03.2026" in page.text or "31 March 2026" in page.text or "March 31, 2026" in page.text
    )


def test_the_plan_list_keeps_its_number_of_queries(
    partnership, plan, office, cast, client_of, django_assert_max_num_queries
):
    """Each plan, written in German for an English reader, approved by both sides in one
    version and followed by a second: its title looked up among its translations, its
    versions and their approvals read for its state."""

    def approved_and_changed(plan):
        measure_add(plan, office)
        for side in (1, 2):
            version = plan.versions.order_by("-number").first()
            fingerprint = version.fingerprint or services.version_fingerprint(version)
            services.plan_approve(
                version=version, by=cast[(Role.COORDINATOR, side)], fingerprint=fingerprint
            )
        services.version_create(plan=plan, by=office)

    def grow():
        for number in range(5):
            approved_and_changed(plan_add(partnership, office, title=f"Plan {number}"))

    approved_and_changed(plan)
    address = url("plan_list", partnership)
    page = page_keeps_its_queries(client_of(office), address, grow, django_assert_max_num_queries)
    assert len(page.context["plans"]) == 6
