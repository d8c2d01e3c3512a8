"""Shipments and goods received notes through their services: loading never exceeds a pledge,
stages only move forward, what arrived is recorded as it is, and a need is delivered when
every line arrived."""

import uuid
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from pobratym.aid import services
from pobratym.aid.models import NeedStatus, ShipmentEvent, ShipmentLine, ShipmentStatus
from pobratym.aid.selectors import need_detail
from pobratym.core.errors import DomainError
from pobratym.partnerships.models import Role
from tests.aid.factories import need_post, offer_make
from tests.factories import member_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def pledge(partnership, receiver, donor):
    need = need_post(partnership, receiver)
    offer = offer_make(partnership, donor, need=need)
    return services.pledge_confirm(
        offer_line=offer.lines.get(),
        need_line=need.lines.get(),
        quantity=Decimal(60),
        by=receiver,
    )


def _shipment(partnership, by, **fields):
    return services.shipment_create(
        partnership=partnership, by=by, idempotency_key=uuid.uuid4(), **fields
    )


def _departed(partnership, donor, pledge, quantity=Decimal(60)):
    shipment = _shipment(partnership, donor, reference="CMR-1")
    services.shipment_line_set(shipment=shipment, by=donor, pledge=pledge, quantity=quantity)
    return services.shipment_advance(shipment=shipment, by=donor, status="in_transit")


def _receive(shipment, by, quantity, state="intact"):
    line = shipment.lines.get()
    return services.receipt_record(
        shipment=shipment,
        by=by,
        number="ПН-17",
        received_on=shipment.departed_on,
        received_by="О. Коваленко, комірник",
        lines={line.pk: {"quantity": quantity, "state": state, "remark": ""}},
    )


def test_a_shipment_is_planned_from_the_planners_side_once_per_key(partnership, donor):
    key = uuid.uuid4()
    shipment = services.shipment_create(partnership=partnership, by=donor, idempotency_key=key)
    again = services.shipment_create(partnership=partnership, by=donor, idempotency_key=key)
    assert again.pk == shipment.pk
    assert shipment.side.position == 1
    assert shipment.status == ShipmentStatus.PLANNED
    assert list(shipment.events.values_list("status", flat=True)) == ["planned"]


def test_loading_sets_the_quantity_so_a_retry_loads_nothing_twice(partnership, donor, pledge):
    shipment = _shipment(partnership, donor)
    for _attempt in range(2):
        services.shipment_line_set(shipment=shipment, by=donor, pledge=pledge, quantity=40)
    assert ShipmentLine.objects.get().quantity == 40


def test_a_pledge_is_never_loaded_beyond_its_quantity_across_shipments(partnership, donor, pledge):
    first, second = _shipment(partnership, donor), _shipment(partnership, donor)
    services.shipment_line_set(shipment=first, by=donor, pledge=pledge, quantity=45)
    with pytest.raises(DomainError) as refused:
        services.shipment_line_set(shipment=second, by=donor, pledge=pledge, quantity=16)
    assert refused.value.code == "more_than_pledged"
    assert "15" in refused.value.message
    services.shipment_line_set(shipment=second, by=donor, pledge=pledge, quantity=15)
    services.shipment_line_set(shipment=first, by=donor, pledge=pledge, quantity=0)
    assert list(ShipmentLine.objects.values_list("quantity", flat=True)) == [15]


def test_only_the_sending_sides_office_loads(partnership, receiver, pledge, donor):
    shipment = _shipment(partnership, donor)
    observer = member_create(partnership, Role.OBSERVER, position=1).user
    for person in (receiver, observer):
        with pytest.raises(PermissionDenied):
            services.shipment_line_set(shipment=shipment, by=person, pledge=pledge, quantity=1)
    receiving_shipment = _shipment(partnership, receiver)
    with pytest.raises(DomainError) as refused:
        services.shipment_line_set(
            shipment=receiving_shipment, by=receiver, pledge=pledge, quantity=1
        )
    assert refused.value.code == "other_side"


def test_packages_are_numbered_and_removing_one_keeps_its_goods_loaded(partnership, donor, pledge):
    shipment = _shipment(partnership, donor)
    pallet = services.package_add(shipment=shipment, by=donor, kind="pallet", gross_weight=420)
    box = services.package_add(shipment=shipment, by=donor, kind="box")
    assert (pallet.number, box.number) == (1, 2)
    services.shipment_line_set(shipment=shipment, by=donor, pledge=pledge, quantity=20)
    services.shipment_line_set(
        shipment=shipment, by=donor, pledge=pledge, quantity=30, package=pallet
    )
    services.package_remove(package=pallet, by=donor)
    line = ShipmentLine.objects.get()
    assert (line.package, line.quantity) == (None, 50)


def test_stages_only_move_forward_and_an_empty_shipment_does_not_leave(partnership, donor, pledge):
    shipment = _shipment(partnership, donor)
    with pytest.raises(DomainError) as refused:
        services.shipment_advance(shipment=shipment, by=donor, status="in_transit")
    assert refused.value.code == "shipment_empty"
    services.shipment_line_set(shipment=shipment, by=donor, pledge=pledge, quantity=60)
    services.shipment_advance(shipment=shipment, by=donor, status="at_border", note="Ягодин")
    for stage in ("in_transit", "at_border", "receipt_confirmed"):
        with pytest.raises(DomainError):
            services.shipment_advance(shipment=shipment, by=donor, status=stage)
    shipment.refresh_from_db()
    assert shipment.status == "at_border" and shipment.departed_on is not None
    assert ShipmentEvent.objects.filter(shipment=shipment).count() == 2
    with pytest.raises(DomainError) as refused:
        services.shipment_line_set(shipment=shipment, by=donor, pledge=pledge, quantity=1)
    assert refused.value.code == "shipment_departed"


def test_coverage_follows_pledged_shipped_and_received(partnership, receiver, donor, pledge):
    need = pledge.need_line.need
    shipment = _shipment(partnership, donor)
    services.shipment_line_set(shipment=shipment, by=donor, pledge=pledge, quantity=60)
    line = need_detail(viewer=receiver, need_id=need.pk, partnership=partnership).coverage[0]
    assert (line.pledged, line.shipped, line.received) == (60, 0, 0)  # not left yet
    shipment = services.shipment_advance(shipment=shipment, by=donor, status="in_transit")
    _receive(shipment, receiver, Decimal(58), state="damaged")
    detail = need_detail(viewer=receiver, need_id=need.pk, partnership=partnership)
    assert (detail.coverage[0].shipped, detail.coverage[0].received) == (60, 58)
    assert detail.status == NeedStatus.PARTLY_COVERED


def test_a_need_is_delivered_when_every_line_arrived_and_a_surplus_is_no_error(
    partnership, receiver, donor
):
    need = need_post(partnership, receiver)  # 100 boxes
    offer = offer_make(
        partnership, donor, need=need, lines=[{"item": "Bandage", "quantity": 100, "unit": "box"}]
    )
    pledge = services.pledge_confirm(
        offer_line=offer.lines.get(), need_line=need.lines.get(), quantity=100, by=receiver
    )
    shipment = _departed(partnership, donor, pledge, Decimal(100))
    receipt = _receive(shipment, receiver, Decimal(103))
    line = receipt.lines.get()
    assert services.is_discrepancy(line)  # three boxes more than shipped
    detail = need_detail(viewer=receiver, need_id=need.pk, partnership=partnership)
    assert detail.status == NeedStatus.DELIVERED
    shipment.refresh_from_db()
    assert shipment.status == ShipmentStatus.RECEIPT_CONFIRMED


def test_the_receipt_is_written_once_by_the_receiving_side(partnership, receiver, donor, pledge):
    shipment = _departed(partnership, donor, pledge)
    with pytest.raises(PermissionDenied):
        _receive(shipment, donor, Decimal(60))
    _receive(shipment, receiver, Decimal(60))
    with pytest.raises(DomainError) as refused:
        _receive(shipment, receiver, Decimal(60))
    assert refused.value.code == "receipt_recorded"


def test_a_receipt_names_every_line_and_no_negative_quantities(
    partnership, receiver, donor, pledge
):
    shipment = _departed(partnership, donor, pledge)
    for lines in ({}, {shipment.lines.get().pk: {"quantity": Decimal(-1)}}):
        with pytest.raises(DomainError):
            services.receipt_record(
                shipment=shipment,
                by=receiver,
                number="1",
                received_on=shipment.departed_on,
                received_by="X",
                lines=lines,
            )
    shipment.refresh_from_db()
    assert shipment.status == ShipmentStatus.IN_TRANSIT
    assert not hasattr(shipment, "receipt") or shipment.receipt is None


def test_a_discrepancy_stays_open_until_someone_says_how_it_was_settled(
    partnership, receiver, donor, pledge
):
    shipment = _departed(partnership, donor, pledge)
    line = _receive(shipment, receiver, Decimal(50)).lines.get()
    with pytest.raises(DomainError) as refused:
        services.discrepancy_resolve(line=line, by=donor, resolution="  ")
    assert refused.value.code == "resolution_missing"
    services.discrepancy_resolve(line=line, by=donor, resolution="Ten boxes follow next week.")
    with pytest.raises(DomainError) as refused:
        services.discrepancy_resolve(line=line, by=receiver, resolution="again")
    assert refused.value.code == "discrepancy_resolved"
    line.refresh_from_db()
    assert line.resolved_by == donor


def test_a_stage_is_never_earlier_than_the_one_before_nor_in_the_future(partnership, donor, pledge):
    shipment = _shipment(partnership, donor, planned_at=timezone.now() - timedelta(days=3))
    services.shipment_line_set(shipment=shipment, by=donor, pledge=pledge, quantity=60)
    services.shipment_advance(
        shipment=shipment, by=donor, status="packing", occurred_at=timezone.now() - timedelta(2)
    )
    for moment, code in (
        (timezone.now() - timedelta(days=2, hours=1), "stage_before_last"),
        (timezone.now() + timedelta(hours=1), "stage_in_future"),
    ):
        with pytest.raises(DomainError) as refused:
            services.shipment_advance(
                shipment=shipment, by=donor, status="in_transit", occurred_at=moment
            )
        assert refused.value.code == code
    shipment.refresh_from_db()
    assert shipment.status == "packing"


def test_the_same_package_form_twice_adds_one_package(partnership, donor):
    shipment = _shipment(partnership, donor)
    key = uuid.uuid4()
    first = services.package_add(shipment=shipment, by=donor, kind="box", idempotency_key=key)
    again = services.package_add(shipment=shipment, by=donor, kind="box", idempotency_key=key)
    other = services.package_add(shipment=shipment, by=donor, kind="box")
    assert again.pk == first.pk
    assert [p.number for p in shipment.packages.all()] == [first.number, other.number] == [1, 2]


def test_a_package_of_no_weight_is_refused_with_a_plain_message(partnership, donor):
    shipment = _shipment(partnership, donor)
    with pytest.raises(DomainError) as refused:
        services.package_add(shipment=shipment, by=donor, kind="box", gross_weight=0)
    assert "gross weight must be greater than zero" in refused.value.message
