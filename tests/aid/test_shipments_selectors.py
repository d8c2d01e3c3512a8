"""What the shipment selectors return: totals, lines traced to donor and need with the
address hidden from those who may not see it, and the pledges still to load."""

from decimal import Decimal

import pytest
from django.http import Http404

from pobratym.aid import services
from pobratym.aid.selectors import loadable_pledges, shipment_detail, shipment_list
from pobratym.partnerships.models import Role
from tests.aid.shipment_factories import people, pledge_make, shipment_loaded, shipment_plan
from tests.factories import member_create

pytestmark = pytest.mark.django_db

ADDRESS = "vul. Velyka Berdychivska 1"


def test_the_list_counts_packages_and_adds_up_weights(partnership, team):
    loaded = shipment_loaded(partnership, team, pledges=1, packages=3)
    empty = shipment_plan(partnership, team["sender"])

    rows = {row.pk: row for row in shipment_list(viewer=team["receiver"], partnership=partnership)}

    assert (rows[loaded.pk].package_count, rows[loaded.pk].total_weight) == (3, Decimal("751.5"))
    assert rows[loaded.pk].total_volume == Decimal("3.6")
    assert (rows[empty.pk].package_count, rows[empty.pk].total_weight) == (0, 0)


def test_outsiders_see_no_shipments(partnership, team, outsider):
    shipment = shipment_loaded(partnership, team)
    assert not shipment_list(viewer=outsider, partnership=partnership).exists()
    with pytest.raises(Http404):
        shipment_detail(viewer=outsider, partnership=partnership, shipment_id=shipment.pk)
    assert not loadable_pledges(viewer=outsider, shipment=shipment).exists()


def test_a_shipment_of_another_partnership_is_not_found(partnership, other_partnership, team):
    foreign = shipment_plan(
        other_partnership, member_create(other_partnership, Role.STAFF, position=1).user
    )
    with pytest.raises(Http404):
        shipment_detail(viewer=team["sender"], partnership=partnership, shipment_id=foreign.pk)


def test_the_detail_traces_lines_and_values_the_loaded_part(partnership, team):
    shipment = shipment_plan(partnership, team["sender"])
    pledge = pledge_make(partnership, team, quantity=Decimal(40), value=Decimal(100))
    services.shipment_line_set(
        shipment=shipment, by=team["sender"], pledge=pledge, quantity=Decimal(10)
    )

    detail = shipment_detail(
        viewer=team["sender"], partnership=partnership, shipment_id=shipment.pk
    )

    (line,) = detail.line_rows
    assert line.pledge.offer_line.offer.donor.name == "Klinikum Dortmund"
    assert line.pledge.need_line.need.institution == "City Hospital No. 1"
    assert line.estimated_value == Decimal("25.00")
    assert detail.total_value == Decimal("25.00")
    assert detail.loose_lines == [line]
    assert (detail.sending_side.position, detail.receiving_side.position) == (1, 2)
    assert [event.status for event in detail.event_rows] == ["planned"]


@pytest.mark.parametrize(
    ("role", "position", "sees"),
    [
        (Role.COORDINATOR, 2, True),
        (Role.STAFF, 2, True),
        (Role.COORDINATOR, 1, True),
        (Role.STAFF, 1, False),
        (Role.OBSERVER, 2, False),
        (Role.PARTNER, 1, False),
    ],
)
def test_the_exact_address_is_only_for_those_who_may_see_it(
    partnership, team, role, position, sees
):
    shipment = shipment_plan(partnership, team["sender"])
    pledge = pledge_make(partnership, team, critical_infrastructure=True)
    services.shipment_line_set(shipment=shipment, by=team["sender"], pledge=pledge, quantity=1)
    viewer = member_create(partnership, role, position=position).user

    need = (
        shipment_detail(viewer=viewer, partnership=partnership, shipment_id=shipment.pk)
        .line_rows[0]
        .pledge.need_line.need
    )
    waiting = loadable_pledges(viewer=viewer, shipment=shipment).get().need_line.need

    for shown in (need, waiting):
        assert (shown.address == ADDRESS) is sees
        assert shown.critical_infrastructure is (True if sees else None)


def test_loadable_pledges_are_the_sending_sides_with_something_left(
    partnership, other_partnership, team
):
    shipment = shipment_plan(partnership, team["sender"])
    partly = pledge_make(partnership, team, item="Partly loaded", quantity=Decimal(10))
    full = pledge_make(partnership, team, item="Fully loaded", quantity=Decimal(5))
    waiting = pledge_make(partnership, team, item="Waiting")
    elsewhere = shipment_plan(partnership, team["sender"])
    services.shipment_line_set(shipment=elsewhere, by=team["sender"], pledge=partly, quantity=4)
    services.shipment_line_set(shipment=elsewhere, by=team["sender"], pledge=full, quantity=5)
    # A pledge the other way round: the receiving side's donor for a need of the sending side.
    backwards = pledge_make(
        partnership,
        {"sender": team["receiver"], "receiver": member_create(partnership, Role.COORDINATOR).user},
        item="Other way",
    )
    # And one of another partnership.
    pledge_make(other_partnership, people(other_partnership), item="Elsewhere")

    rows = list(loadable_pledges(viewer=team["sender"], shipment=shipment))

    assert [(row.pk, row.remaining) for row in rows] == [
        (partly.pk, Decimal(6)),
        (waiting.pk, Decimal(60)),
    ]
    assert backwards.pk not in [row.pk for row in rows]
