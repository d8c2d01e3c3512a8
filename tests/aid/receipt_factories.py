"""Shipments on their way and goods received notes, made through the services as users make
them: a need of the second city, an offer of the first city's donor, pledges, a shipment."""

import uuid
from decimal import Decimal

from django.utils import timezone

from pobratym.aid import services
from pobratym.aid.models import GoodsReceivedNote, Shipment
from tests.aid.factories import need_post, offer_make

ITEMS = ["Bandage", "Gloves", "Syringes", "Blankets", "Generators", "Torches", "Tents"]


def shipment_in_transit(
    partnership, donor, receiver, count: int = 1, quantity=Decimal(60), reference=None, **need
) -> Shipment:
    """A shipment from the donor's side with `count` lines of `quantity` boxes each, one
    need line and one pledge per line, in transit. `receiver` coordinates the need's side;
    `need` holds fields of the need (see `need_fields`)."""
    items = [f"{ITEMS[i % len(ITEMS)]} {i}" for i in range(count)]
    need = need_post(
        partnership,
        receiver,
        lines=[{"item": item, "quantity": Decimal(100), "unit": "box"} for item in items],
        **need,
    )
    offer = offer_make(
        partnership,
        donor,
        need=need,
        lines=[{"item": item, "quantity": quantity, "unit": "box"} for item in items],
    )
    shipment = services.shipment_create(
        partnership=partnership,
        by=donor,
        idempotency_key=uuid.uuid4(),
        reference=reference or f"CMR-{uuid.uuid4().hex[:6]}",
    )
    need_lines = list(need.lines.order_by("pk"))
    for offer_line, need_line in zip(offer.lines.order_by("pk"), need_lines, strict=True):
        pledge = services.pledge_confirm(
            offer_line=offer_line, need_line=need_line, quantity=quantity, by=receiver
        )
        services.shipment_line_set(shipment=shipment, by=donor, pledge=pledge, quantity=quantity)
    return services.shipment_advance(shipment=shipment, by=donor, status="in_transit")


def receipt_make(shipment, by, quantities=None, states=None, **fields) -> GoodsReceivedNote:
    """A note for every line of the shipment: as shipped unless `quantities` / `states`
    (lists in line order) say otherwise."""
    lines = list(shipment.lines.order_by("pk"))
    quantities = quantities or [line.quantity for line in lines]
    states = states or ["intact"] * len(lines)
    return services.receipt_record(
        shipment=shipment,
        by=by,
        lines={
            line.pk: {"quantity": Decimal(q), "state": s, "remark": ""}
            for line, q, s in zip(lines, quantities, states, strict=True)
        },
        **{
            "number": "ПН-17",
            "received_on": timezone.localdate(),
            "received_by": "Олена Коваленко, комірник",
            **fields,
        },
    )
