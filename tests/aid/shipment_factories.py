"""Shipments with confirmed pledges, packages and stages, made through the services."""

import uuid
from decimal import Decimal

from pobratym.aid import services
from pobratym.aid.models import Pledge, Shipment
from pobratym.partnerships.models import Role
from tests.aid.factories import need_post, offer_make
from tests.factories import member_create


def people(partnership) -> dict:
    """The sending side (1) plans and packs; the receiving side (2) posts needs and confirms."""
    return {
        "sender": member_create(partnership, Role.STAFF, position=1).user,
        "receiver": member_create(partnership, Role.COORDINATOR, position=2).user,
    }


def pledge_make(
    partnership,
    team,
    item="Bandage",
    quantity=Decimal(60),
    value=Decimal(120),
    donor="Klinikum Dortmund",
    unit="box",
    **need_fields,
) -> Pledge:
    """A need of the receiving side, an offer of the sending side's donor, and the pledge
    between them, confirmed by the receiving side's coordinator."""
    need = need_post(
        partnership,
        team["receiver"],
        lines=[{"item": item, "quantity": quantity, "unit": unit}],
        **need_fields,
    )
    offer = offer_make(
        partnership,
        team["sender"],
        need=need,
        donor=donor,
        lines=[
            {
                "item": item,
                "quantity": quantity,
                "unit": unit,
                "condition": "new",
                "estimated_value": value,
            }
        ],
    )
    return services.pledge_confirm(
        offer_line=offer.lines.get(),
        need_line=need.lines.get(),
        quantity=quantity,
        by=team["receiver"],
    )


def shipment_plan(partnership, by, **fields) -> Shipment:
    defaults = {
        "reference": f"CMR-{uuid.uuid4().hex[:6]}",
        "carrier_name": "Spedition Westfalen GmbH",
        "carrier_kind": "company",
        "vehicle": "Sattelzug DO-AB 123",
        "route": "Dortmund – Rava-Ruska – Schytomyr",
    }
    return services.shipment_create(
        partnership=partnership, by=by, idempotency_key=uuid.uuid4(), **{**defaults, **fields}
    )


def shipment_loaded(partnership, team, pledges=1, packages=1, **fields) -> Shipment:
    """A planned shipment with `packages` pallets and `pledges` pledges, each loaded in full
    into the first pallet."""
    shipment = shipment_plan(partnership, team["sender"], **fields)
    boxes = [
        services.package_add(
            shipment=shipment,
            by=team["sender"],
            kind="pallet",
            gross_weight=Decimal("250.5"),
            volume=Decimal("1.2"),
        )
        for _index in range(packages)
    ]
    for index in range(pledges):
        pledge = pledge_make(partnership, team, item=f"Item {index}", donor=f"Donor {index % 3}")
        services.shipment_line_set(
            shipment=shipment,
            by=team["sender"],
            pledge=pledge,
            quantity=pledge.quantity,
            package=boxes[0] if boxes else None,
        )
    return shipment
