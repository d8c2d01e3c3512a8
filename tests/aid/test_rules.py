"""The permission grid of aid: every permission for every role on either side, for people of
another partnership and for anonymous visitors, asked of the rules.

Side 2 receives (its people post the need and write the goods received note); side 1 donates
(its people make the free offer and send the shipment).
"""

import io

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from pobratym.aid import services
from tests.access import EVERYONE, C, P, S, permissions_of, rules_check, who
from tests.aid.factories import offer_make
from tests.aid.receipt_factories import receipt_make, shipment_in_transit

pytestmark = pytest.mark.django_db

OFFICE = who(C, S)  # coordinators and staff: the administration's daily work
RECEIVING_OFFICE = who(C, S, sides=[2])

# permission: (the record it is asked on, who holds it)
RULES = {
    "aid.view_need": ("need", EVERYONE),
    "aid.view_sensitive": ("need", who(C) | RECEIVING_OFFICE),
    "aid.add_need": ("partnership", OFFICE),
    "aid.change_need": ("need", RECEIVING_OFFICE),
    "aid.publish_need": ("need", who(C, sides=[2])),
    "aid.add_offer": ("partnership", who(C, S, P)),
    "aid.decide_offer": ("offer", who(C, sides=[2])),
    "aid.confirm_pledge": ("need", who(C, sides=[2])),
    "aid.view_shipment": ("shipment", EVERYONE),
    "aid.add_shipment": ("partnership", OFFICE),
    "aid.change_shipment": ("shipment", who(C, S, sides=[1])),
    "aid.receive_shipment": ("receipt", RECEIVING_OFFICE),
    "aid.resolve_discrepancy": ("received line", OFFICE),
    # Translating changes no fact: the offices of both sides may.
    "aid.translate_need": ("need", OFFICE),
    "aid.translate_offer": ("offer", OFFICE),
    "aid.translate_shipment": ("shipment", OFFICE),
}


def png(colour: str = "blue") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), colour).save(buffer, format="PNG")
    return SimpleUploadedFile(f"{colour}.png", buffer.getvalue())


def test_the_table_covers_every_registered_permission():
    assert permissions_of("aid") == set(RULES)


def test_every_permission_for_every_role_and_side(partnership, cast, need, offer, team):
    shipment = shipment_in_transit(partnership, team["sender"], team["receiver"], count=2)
    receipt = receipt_make(shipment, team["receiver"], quantities=[60, 10], scan=png())
    records = {
        "partnership": partnership,
        "need": need,
        "offer": offer,
        "shipment": shipment,
        "receipt": receipt,
        "received line": receipt.lines.order_by("pk").last(),
    }

    rules_check(cast, RULES, records)


def test_a_public_need_is_visible_to_anyone_but_its_details_are_not(need, receiver, outsider):
    need = services.need_publish(need=need, by=receiver, public=True)
    assert outsider.has_perm("aid.view_need", need)
    assert AnonymousUser().has_perm("aid.view_need", need)
    assert not outsider.has_perm("aid.view_sensitive", need)


def test_an_offer_for_a_need_is_decided_by_the_needs_side(partnership, cast, need):
    # A company of the receiving city offers for its own city's need.
    offer = offer_make(partnership, cast[(P, 2)], need=need)
    assert cast[(C, 2)].has_perm("aid.decide_offer", offer)
    assert not cast[(C, 1)].has_perm("aid.decide_offer", offer)
