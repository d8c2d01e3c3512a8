"""A partnership with a need and an offer, and the data of the aid page forms, for the
tests of the need and offer pages."""

import uuid
from dataclasses import dataclass

from pobratym.aid.models import Need, Offer
from pobratym.partnerships.models import Role
from tests.aid.factories import need_fields, need_post, offer_make
from tests.factories import member_create, partnership_create

ADDRESS = "vul. Velyka Berdychivska 1"
RECEIVING, DONOR = 2, 1


@dataclass
class World:
    """Side 2 receives (it posted the need); side 1 donates (it made a free offer)."""

    partnership: object
    receiver: object
    donor: object
    need: Need
    offer: Offer


def world_make(**need) -> World:
    partnership = partnership_create()
    receiver = member_create(partnership, Role.COORDINATOR, position=RECEIVING).user
    donor = member_create(partnership, Role.STAFF, position=DONOR).user
    need = need_post(partnership, receiver, address=ADDRESS, critical_infrastructure=True, **need)
    offer = offer_make(partnership, donor)
    return World(partnership, receiver, donor, need, offer)


def management(count: int, prefix: str = "lines") -> dict:
    return {
        f"{prefix}-TOTAL_FORMS": str(count),
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "200",
    }


def lines_data(lines: list[dict], extra: int = 2) -> dict:
    """Formset data: the given lines, then `extra` empty ones as a browser sends them."""
    data = management(len(lines) + extra)
    for number, line in enumerate(lines):
        for name, value in line.items():
            data[f"lines-{number}-{name}"] = value
    return data


def need_form(key=None, lines=None, **fields) -> dict:
    fields = need_fields(**fields)
    return {
        **fields,
        "idempotency_key": str(key or uuid.uuid4()),
        **lines_data(lines or [{"item": "Bandage", "quantity": "100", "unit": "box"}]),
    }


def offer_form(key=None, lines=None, **fields) -> dict:
    empty = {"condition": "new"}
    lines = lines or [{"item": "bandage", "quantity": "20", "unit": "box", "condition": "new"}]
    return {
        "donor_name": "Stadtwerke Dortmund",
        "donor_kind": "municipal_subsidiary",
        "note": "",
        **fields,
        "idempotency_key": str(key or uuid.uuid4()),
        **lines_data([*lines, empty, empty], extra=0),
    }
