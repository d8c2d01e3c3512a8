"""The shipments in the API: members of the partnership read each shipment's status, stages
and loaded lines; a visitor, an outsider and a token for another partnership find none."""

from decimal import Decimal

import pytest
from django.test import Client

from pobratym.aid import services
from tests.aid.shipment_factories import people, shipment_loaded, shipment_plan
from tests.factories import member_create

pytestmark = pytest.mark.django_db


def base(partnership) -> str:
    return f"/api/v1/partnerships/{partnership.slug}/aid/shipments"


@pytest.fixture
def team(partnership):
    return people(partnership)


@pytest.fixture
def on_the_road(partnership, team):
    shipment = shipment_loaded(partnership, team, reference="CMR-ROAD")
    services.shipment_advance(shipment=shipment, by=team["sender"], status="in_transit")
    return shipment


def test_members_of_both_sides_follow_a_shipment_by_its_status(
    partnership, team, on_the_road, client_of
):
    shipment_plan(partnership, team["sender"], reference="CMR-PLAN")
    for person in (team["sender"], team["receiver"]):
        listed = client_of(person).get(base(partnership)).json()
        # In the order they last changed: the plan was made after the other left.
        assert [(s["reference"], s["status"]) for s in listed["items"]] == [
            ("CMR-ROAD", "in_transit"),
            ("CMR-PLAN", "planned"),
        ]
    travelling = client_of(team["receiver"]).get(base(partnership), {"status": "in_transit"})
    assert [s["reference"] for s in travelling.json()["items"]] == ["CMR-ROAD"]

    detail = client_of(team["receiver"]).get(f"{base(partnership)}/{on_the_road.pk}").json()
    assert (detail["side"], detail["receiving_side"]) == (1, 2)
    assert detail["package_count"] == 1 and Decimal(detail["total_weight"]) == Decimal("250.5")
    assert [stage["status"] for stage in detail["stages"]] == ["planned", "in_transit"]
    assert [(line["item"], line["package"]) for line in detail["lines"]] == [("Item 0", 1)]


def test_an_unknown_status_is_refused_with_what_is_wrong(partnership, team, client_of):
    response = client_of(team["sender"]).get(base(partnership), {"status": "lost"})
    assert response.status_code == 400
    assert response.json()["code"] == "invalid_parameter"


def test_nobody_outside_the_partnership_finds_a_shipment(
    partnership, other_partnership, on_the_road, client_of
):
    outsider = member_create(other_partnership).user
    for client in (Client(), client_of(outsider)):
        for path in (base(partnership), f"{base(partnership)}/{on_the_road.pk}"):
            response = client.get(path)
            assert response.status_code == 404, path
            assert response.json()["code"] == "not_found"
    member = client_of(member_create(partnership).user)
    assert member.get(f"{base(other_partnership)}/{on_the_road.pk}").status_code == 404
