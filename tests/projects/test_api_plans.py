"""Work plans in the API: members list a partnership's plans with where each stands, and read
one with its newest version, that version's approvals by side and its measures (in the
reader's language, with what carries each out); people outside get 404, signed-out callers
401; both answers keep their number of queries however many plans and measures there are."""

import uuid
from datetime import date
from decimal import Decimal

import pytest

from pobratym.partnerships.models import Role
from pobratym.projects import services
from pobratym.projects.models import Measure, WorkPlan
from pobratym.translation.services import translation_save
from tests.aid.factories import need_post
from tests.exchanges.factories import event_add
from tests.factories import focus_area_create, partnership_create
from tests.projects.conftest import project_add
from tests.projects.plans import measure_add, measures_add, plan_add

pytestmark = pytest.mark.django_db


def base(partnership) -> str:
    return f"/api/v1/partnerships/{partnership.slug}/plans"


@pytest.fixture
def plan(partnership, office):
    return plan_add(partnership, office)


def _approve(plan, by):
    version = plan.versions.order_by("-number").first()
    fingerprint = version.fingerprint or services.version_fingerprint(version)
    return services.plan_approve(version=version, by=by, fingerprint=fingerprint)


def test_members_list_the_plans_with_where_each_stands(partnership, plan, office, cast, client_of):
    plan_add(partnership, office, title="Planung 2023/2024", starts_on=date(2023, 1, 1))
    measure_add(plan, office)
    _approve(plan, cast[(Role.COORDINATOR, 1)])

    listed = client_of(cast[(Role.OBSERVER, 2)]).get(base(partnership))

    assert listed.status_code == 200
    assert listed.json()["count"] == 2
    newest, older = listed.json()["items"]
    assert (newest["title"], newest["state"], newest["version"]) == (
        "Planung 2025/2026",
        "proposed",
        1,
    )
    assert newest["approved_version"] is None
    assert (newest["starts_on"], newest["ends_on"]) == ("2025-01-01", "2026-12-31")
    assert (older["title"], older["state"]) == ("Planung 2023/2024", "draft")


def test_a_plan_with_its_newest_version_approvals_and_measures(
    partnership, plan, office, cast, client_of
):
    area = focus_area_create(partnership, "digitalisation")
    project = project_add(partnership, office, title="Bürgerportal")
    event = event_add(partnership, office, title="Fachtreffen")
    need = need_post(partnership, office)
    measure = measure_add(
        plan,
        office,
        focus_area=area,
        lead_side=partnership.sides.get(position=2),
        budget_estimate=Decimal("12500.00"),
        projects=[project],
        events=[event],
        needs=[need],
    )
    services.measure_progress(measure=measure, by=office, status="running", progress=40)
    for position in (1, 2):
        _approve(plan, cast[(Role.COORDINATOR, position)])
    services.version_create(plan=plan, by=office)

    answer = client_of(cast[(Role.PARTNER, 1)]).get(f"{base(partnership)}/{plan.pk}")

    assert answer.status_code == 200
    detail = answer.json()
    assert (detail["state"], detail["version"], detail["approved_version"]) == ("revising", 2, 1)
    assert detail["current_version"]["number"] == 2
    assert detail["current_version"]["approvals"] == []
    assert detail["current_version"]["frozen_at"] is None
    (shown,) = detail["measures"]
    assert shown["key"] == str(measure.key)
    assert (shown["focus_area"], shown["lead_side"]) == ("digitalisation", 2)
    assert (shown["starts_on"], shown["ends_on"]) == ("2025-03-01", "2025-10-31")
    assert (shown["status"], shown["progress"]) == ("running", 40)
    assert (shown["budget_estimate"], shown["currency"]) == ("12500.00", "EUR")
    assert (shown["projects"], shown["events"], shown["needs"]) == (
        [project.pk],
        [event.pk],
        [need.pk],
    )


def test_the_approvals_of_the_newest_version_by_side(partnership, plan, office, cast, client_of):
    measure_add(plan, office)
    _approve(plan, cast[(Role.COORDINATOR, 2)])

    detail = client_of(office).get(f"{base(partnership)}/{plan.pk}").json()

    version = detail["current_version"]
    assert len(version["fingerprint"]) == 64 and version["frozen_at"]
    assert [(a["side"], a["fingerprint"]) for a in version["approvals"]] == [
        (2, version["fingerprint"])
    ]


def test_titles_come_in_the_readers_language(partnership, plan, office, cast, client_of):
    measure = measure_add(plan, office, title="Fachaustausch")
    for record, text in ((plan, "Планування 2025/2026"), (measure, "Фаховий обмін")):
        translation_save(
            record=record, field="title", language="uk", text=text, by=office, revision=None
        )
    reader = cast[(Role.COORDINATOR, 2)]
    reader.language = "uk"
    reader.save(update_fields=["language"])
    client = client_of(reader)

    in_ukrainian = client.get(f"{base(partnership)}/{plan.pk}").json()

    assert in_ukrainian["title"] == "Planung 2025/2026"
    assert in_ukrainian["title_in_reader_language"] == "Планування 2025/2026"
    assert in_ukrainian["measures"][0]["title_in_reader_language"] == "Фаховий обмін"
    listed = client.get(base(partnership)).json()["items"]
    assert listed[0]["title_in_reader_language"] == "Планування 2025/2026"
    office.language = "de"
    office.save(update_fields=["language"])
    in_german = client_of(office).get(f"{base(partnership)}/{plan.pk}").json()
    assert in_german["measures"][0]["title_in_reader_language"] == "Fachaustausch"


def test_nothing_for_people_outside_or_signed_out(partnership, plan, cast, client, client_of):
    outsider = client_of(cast.outsider())
    for path in (base(partnership), f"{base(partnership)}/{plan.pk}"):
        refused = outsider.get(path)
        assert refused.status_code == 404
        assert refused.json()["code"] == "not_found"
        assert client.get(path).json()["code"] == "not_found"
    member = client_of(cast[(Role.OBSERVER, 1)])
    assert member.get(f"{base(partnership)}/{plan.pk + 1000}").status_code == 404
    assert member.get(f"{base(partnership)}/x").json()["code"] == "invalid"


def test_a_plan_of_another_partnership_is_not_found_here(partnership, plan, office, client_of):
    other = partnership_create(slug="lviv-freiburg")
    assert client_of(office).get(f"/api/v1/partnerships/{other.slug}/plans").status_code == 404


def test_the_list_and_a_plan_keep_their_number_of_queries(
    partnership, plan, office, client_of, django_assert_max_num_queries
):
    client = client_of(office)
    detail = f"{base(partnership)}/{plan.pk}"
    measures_add(plan, office, 1)
    client.get(base(partnership))
    client.get(detail)
    with django_assert_max_num_queries(20) as few_listed:
        assert client.get(base(partnership)).json()["count"] == 1
    with django_assert_max_num_queries(30) as few_detail:
        assert len(client.get(detail).json()["measures"]) == 1

    measures_add(plan, office, 5, first=1)
    for year in (2027, 2029, 2031):
        plan_add(partnership, office, starts_on=date(year, 1, 1), ends_on=date(year, 12, 31))
    with django_assert_max_num_queries(len(few_listed.captured_queries)):
        assert client.get(base(partnership)).json()["count"] == 4
    with django_assert_max_num_queries(len(few_detail.captured_queries)):
        assert len(client.get(detail).json()["measures"]) == 6


def _post(client, path, body, key=None):
    headers = {"Idempotency-Key": str(key)} if key else {}
    return client.post(path, body, content_type="application/json", headers=headers)


PLAN = {"title": "Planung 2027/2028", "starts_on": "2027-01-01", "ends_on": "2028-12-31"}
MEASURE = {
    "title": "Jugendbegegnung",
    "lead_side": 2,
    "starts_on": "2027-05-01",
    "ends_on": "2027-05-31",
    "budget_estimate": "12000.50",
    "language": "de",
}


def test_a_plan_and_a_measure_are_added_once_per_key(partnership, office, client_of):
    client = client_of(office)
    key = uuid.uuid4()
    first = _post(client, base(partnership), {**PLAN, "language": "de"}, key)
    again = _post(client, base(partnership), {**PLAN, "language": "de"}, key)
    other = _post(client, base(partnership), {**PLAN, "title": "Andere"}, key)
    assert (first.status_code, again.status_code, other.status_code) == (201, 200, 409)
    plan_id = first.json()["id"]
    assert (again.json()["id"], first.json()["state"]) == (plan_id, "draft")
    assert WorkPlan.objects.count() == 1

    measures = f"{base(partnership)}/{plan_id}/measures"
    key = uuid.uuid4()
    added = _post(client, measures, MEASURE, key)
    repeated = _post(client, measures, MEASURE, key)
    assert (added.status_code, repeated.status_code) == (201, 200)
    (measure,) = repeated.json()["measures"]
    assert (measure["title"], measure["lead_side"], measure["budget_estimate"]) == (
        "Jugendbegegnung",
        2,
        "12000.50",
    )
    assert Measure.objects.count() == 1


@pytest.mark.parametrize(
    ("fields", "code"),
    [
        ({"starts_on": "2026-12-01"}, "measure_outside_plan"),
        ({"ends_on": "2029-01-31"}, "measure_outside_plan"),
        ({"ends_on": "2027-04-30"}, "dates_out_of_order"),
        ({"focus_area": "no-such-area"}, "focus_area_elsewhere"),
    ],
)
def test_a_measure_outside_its_plan_is_refused_and_nothing_saved(
    partnership, office, client_of, fields, code
):
    client = client_of(office)
    plan_id = _post(client, base(partnership), PLAN, uuid.uuid4()).json()["id"]
    refused = _post(
        client, f"{base(partnership)}/{plan_id}/measures", {**MEASURE, **fields}, uuid.uuid4()
    )
    assert refused.status_code == 400
    assert refused.json()["code"] == code
    assert not Measure.objects.exists()


def test_an_approved_version_takes_no_measure_and_others_add_nothing(
    partnership, plan, office, cast, client_of
):
    measure_add(plan, office)
    _approve(plan, cast[(Role.COORDINATOR, 1)])
    measures = f"{base(partnership)}/{plan.pk}/measures"
    frozen = _post(client_of(office), measures, MEASURE, uuid.uuid4())
    assert (frozen.status_code, frozen.json()["code"]) == (409, "version_frozen")
    refused = _post(client_of(cast[(Role.PARTNER, 1)]), base(partnership), PLAN, uuid.uuid4())
    assert refused.status_code == 403
    hidden = _post(client_of(cast.outsider()), measures, MEASURE, uuid.uuid4())
    assert hidden.status_code == 404
    assert Measure.objects.count() == 1 and WorkPlan.objects.count() == 1
