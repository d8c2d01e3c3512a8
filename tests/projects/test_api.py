"""The projects API: the list for members with its filters and pages, one project with its
parts and totals in both currencies as decimal strings, adding a project once per key (201,
200 for a repeat, 409 for the key with other content), bad input refused with its code in the
caller's language, the partnership's applications, nothing for people outside, and a fixed
number of queries."""

import uuid
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from django.utils.translation import gettext

from pobratym.partnerships.models import Role
from pobratym.projects import services
from pobratym.projects.models import Project, ProjectOrganisation
from tests.aid.factories import need_post
from tests.directory.factories import organisation_add
from tests.factories import focus_area_create
from tests.projects.conftest import line_add, project_add

pytestmark = pytest.mark.django_db


def base(partnership) -> str:
    return f"/api/v1/partnerships/{partnership.slug}/projects"


def post(client, path, body, key=None, **headers):
    if key:
        headers["Idempotency-Key"] = str(key)
    return client.post(path, body, content_type="application/json", headers=headers)


def body(**fields) -> dict:
    return {
        "title": "Digitale Bürgerdienste",
        "description": "Ein Bürgerportal für Schytomyr.",
        "lead_side": 1,
        "status": "planned",
        "starts_on": "2027-01-01",
        "ends_on": "2027-12-31",
        "language": "de",
        **fields,
    }


def titles(response) -> list[str]:
    return [item["title"] for item in response.json()["items"]]


def test_members_list_the_projects_with_filters_and_pages(partnership, office, cast, client_of):
    area = focus_area_create(partnership, "science")
    project_add(partnership, office, title="Seminar", focus_area=area, starts_on=date(2026, 3, 1))
    project_add(partnership, office, title="Portal", status="planned")
    client = client_of(cast[(Role.OBSERVER, 2)])

    listed = client.get(base(partnership))
    assert listed.status_code == 200
    assert listed.json()["count"] == 2
    assert titles(listed) == ["Seminar", "Portal"]  # the order they last changed in
    item = listed.json()["items"][0]
    assert (item["focus_area"], item["lead_side"], item["status"]) == ("science", 1, "running")
    assert titles(client.get(base(partnership), {"status": "planned"})) == ["Portal"]
    assert titles(client.get(base(partnership), {"focus_area": "science"})) == ["Seminar"]
    assert titles(client.get(base(partnership), {"focus_area": "nowhere"})) == []
    first = client.get(base(partnership), {"limit": 1}).json()
    assert [item["title"] for item in first["items"]] == ["Seminar"]
    following = client.get(base(partnership), {"limit": 1, "cursor": first["next"]})
    assert titles(following) == ["Portal"] and following.json()["next"] is None
    # Running in January: the seminar starts in March.
    january = {"from": "2026-01-01", "to": "2026-01-31"}
    assert titles(client.get(base(partnership), january)) == ["Portal"]
    assert titles(client.get(base(partnership), {"from": "2027-01-01"})) == []
    later = (timezone.now() + timedelta(minutes=1)).isoformat()
    assert titles(client.get(base(partnership), {"updated_since": later})) == []
    earlier = (timezone.now() - timedelta(hours=1)).isoformat()
    assert len(titles(client.get(base(partnership), {"updated_since": earlier}))) == 2


def test_one_project_with_its_parts_and_totals_in_both_currencies(
    partnership, project, office, cast, client_of
):
    key = uuid.uuid4
    services.milestone_add(
        project=project, by=office, idempotency_key=key(), title="Start", due_on=date(2026, 3, 1)
    )
    services.indicator_add(
        project=project, by=office, idempotency_key=key(), title="Anträge", unit="%", target=10
    )
    line_add(project, office, "1000", "EUR", rate=Decimal("45"), rate_on=date(2026, 1, 5))
    line_add(
        project,
        office,
        "4500",
        "UAH",
        purpose="Schulung",
        rate=Decimal("45"),
        rate_on=date(2026, 1, 5),
    )
    organisation = organisation_add(partnership, office, name="DSW21", kind="company")
    ProjectOrganisation.objects.create(project=project, organisation=organisation, role="partner")
    need = need_post(partnership, cast[(Role.COORDINATOR, 2)])
    project.needs.add(need)

    response = client_of(cast[(Role.PARTNER, 2)]).get(f"{base(partnership)}/{project.pk}")
    assert response.status_code == 200
    data = response.json()
    assert data["budget"]["total_eur"] == "1100.00"
    assert data["budget"]["total_uah"] == "49500.00"
    assert [line["amount"] for line in data["budget"]["lines"]] == ["1000.00", "4500.00"]
    assert data["budget"]["lines"][1]["rate"] == "45.0000"
    assert data["milestones"][0]["title"] == "Start"
    assert data["indicators"][0]["target"] == "10.00"
    assert data["organisations"] == [
        {"id": organisation.pk, "name": "DSW21", "side": 1, "role": "partner"}
    ]
    assert data["needs"] == [need.pk]
    assert data["shipments"] == [] and data["events"] == [] and data["applications"] == []


def test_a_project_is_added_once_per_key(partnership, office, client_of):
    client = client_of(office)
    key = uuid.uuid4()
    first = post(client, base(partnership), body(), key)
    again = post(client, base(partnership), body(), key)
    other = post(client, base(partnership), body(title="Anderes"), key)
    assert (first.status_code, again.status_code, other.status_code) == (201, 200, 409)
    assert first.json()["id"] == again.json()["id"]
    assert other.json()["code"] == "idempotency_key_reused"
    assert Project.objects.count() == 1
    assert first.json()["language"] == "de"


@pytest.mark.parametrize(
    ("fields", "code"),
    [
        ({"ends_on": "2026-12-31"}, "dates_out_of_order"),
        ({"focus_area": "no-such-area"}, "focus_area_elsewhere"),
    ],
)
def test_bad_input_is_refused_with_its_code(partnership, office, client_of, fields, code):
    response = post(client_of(office), base(partnership), body(**fields), uuid.uuid4())
    assert response.status_code == 400
    assert response.json()["code"] == code
    assert not Project.objects.exists()


def test_errors_come_in_the_callers_language(partnership, office, client_of):
    office.language = "uk"
    office.save(update_fields=["language"])
    response = post(client_of(office), base(partnership), body(ends_on="2026-12-31"), uuid.uuid4())
    with translation.override("uk"):
        expected = gettext("The end cannot come before the start.")
    assert response.json() == {"code": "dates_out_of_order", "message": expected}


def test_adding_needs_a_key_and_an_office(partnership, office, cast, client_of):
    missing = post(client_of(office), base(partnership), body())
    assert (missing.status_code, missing.json()["code"]) == (400, "idempotency_key_missing")
    refused = post(client_of(cast[(Role.PARTNER, 1)]), base(partnership), body(), uuid.uuid4())
    assert refused.status_code == 403
    hidden = post(client_of(cast.outsider()), base(partnership), body(), uuid.uuid4())
    assert hidden.status_code == 404
    assert not Project.objects.exists()


def test_people_outside_the_partnership_see_nothing(partnership, project, cast, client_of, client):
    outsider = client_of(cast.outsider())
    for path in (base(partnership), f"{base(partnership)}/{project.pk}"):
        assert outsider.get(path).status_code == 404
    # A visitor finds no project that is not public, and may not add one.
    assert client.get(base(partnership)).json() == {"items": [], "count": 0, "next": None}
    assert client.get(f"{base(partnership)}/{project.pk}").status_code == 404
    assert client.post(base(partnership), {}, content_type="application/json").status_code == 401


def test_the_partnerships_applications(partnership, project, office, cast, client_of):
    coordinator = cast[(Role.COORDINATOR, 1)]
    programme = services.programme_save(
        partnership=partnership, by=coordinator, name="Nakopa", funder="SKEW", funder_kind="federal"
    )
    call = services.call_add(
        partnership=partnership,
        programme=programme,
        by=coordinator,
        title="Aufruf 2027",
        apply_by=timezone.localdate() + timedelta(days=30),
    )
    services.application_create(
        partnership=partnership,
        by=office,
        idempotency_key=uuid.uuid4(),
        call=call,
        project=project,
        requested=Decimal("50000"),
    )
    path = f"/api/v1/partnerships/{partnership.slug}/funding/applications"
    response = client_of(cast[(Role.OBSERVER, 1)]).get(path)
    assert response.status_code == 200
    item = response.json()["items"][0]
    assert (item["programme"], item["call"], item["project"]) == (
        "Nakopa",
        "Aufruf 2027",
        project.pk,
    )
    assert (item["requested"], item["granted"], item["currency"]) == ("50000.00", None, "EUR")
    assert client_of(cast.outsider()).get(path).status_code == 404
    detail = client_of(office).get(f"{base(partnership)}/{project.pk}").json()
    assert detail["applications"][0]["status"] == "planned"


def _grow(partnership, project, office, count):
    for number in range(count):
        project_add(partnership, office, title=f"Projekt {number}")
        services.milestone_add(
            project=project,
            by=office,
            idempotency_key=uuid.uuid4(),
            title=f"M{number}",
            due_on=date(2026, 5, 1),
        )
        line_add(project, office, 100)


def test_the_list_and_a_project_keep_their_number_of_queries(
    partnership, project, office, client_of
):
    client = client_of(office)
    detail = f"{base(partnership)}/{project.pk}"
    _grow(partnership, project, office, 1)
    client.get(base(partnership))
    client.get(detail)
    with CaptureQueriesContext(connection) as few_listed:
        client.get(base(partnership))
    with CaptureQueriesContext(connection) as few_detail:
        client.get(detail)
    _grow(partnership, project, office, 5)
    with CaptureQueriesContext(connection) as many_listed:
        assert client.get(base(partnership)).json()["count"] == 7
    with CaptureQueriesContext(connection) as many_detail:
        assert len(client.get(detail).json()["milestones"]) == 6
    assert len(many_listed) == len(few_listed)
    assert len(many_detail) == len(few_detail)
