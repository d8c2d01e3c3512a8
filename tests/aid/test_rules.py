"""The permission matrix of aid: every permission for every role on either side.

Side 2 receives (its people post the need); side 1 donates (its people make the free offer).
"""

import pytest
from django.contrib.auth.models import AnonymousUser

from pobratym.aid import services
from pobratym.partnerships.models import Role
from tests.aid.factories import need_post, offer_make
from tests.factories import member_create

pytestmark = pytest.mark.django_db

C, S, G, P, OBS = Role.COORDINATOR, Role.STAFF, Role.SIGNATORY, Role.PARTNER, Role.OBSERVER
EVERYONE = {(role, side) for role in (C, S, G, P, OBS) for side in (1, 2)}

# permission: (the record it is asked on, who holds it as (role, side))
MATRIX = {
    "aid.view_need": ("need", EVERYONE),
    "aid.view_sensitive": ("need", {(C, 1), (C, 2), (S, 2)}),
    "aid.add_need": ("partnership", {(C, 1), (C, 2), (S, 1), (S, 2)}),
    "aid.change_need": ("need", {(C, 2), (S, 2)}),
    "aid.publish_need": ("need", {(C, 2)}),
    "aid.add_offer": ("partnership", {(r, s) for r in (C, S, P) for s in (1, 2)}),
    "aid.decide_offer": ("offer", {(C, 2)}),
    "aid.confirm_pledge": ("need", {(C, 2)}),
}


@pytest.fixture
def world(partnership):
    receiver = member_create(partnership, C, position=2).user
    donor = member_create(partnership, S, position=1).user
    return {
        "partnership": partnership,
        "need": need_post(partnership, receiver),
        "offer": offer_make(partnership, donor),
    }


@pytest.mark.parametrize("permission", sorted(MATRIX))
def test_permission_matrix(world, permission):
    record_name, holders = MATRIX[permission]
    record = world[record_name]
    for role, side in sorted(EVERYONE):
        person = member_create(world["partnership"], role, position=side).user
        expected = (role, side) in holders
        assert person.has_perm(permission, record) is expected, (permission, role, side)


@pytest.mark.parametrize("permission", sorted(MATRIX))
def test_people_outside_the_partnership_hold_nothing(world, outsider, permission):
    record = world[MATRIX[permission][0]]
    assert not outsider.has_perm(permission, record)
    assert not AnonymousUser().has_perm(permission, record)


def test_a_public_need_is_visible_to_anyone_but_its_details_are_not(world, outsider):
    receiver = member_create(world["partnership"], C, position=2).user
    need = services.need_publish(need=world["need"], by=receiver, public=True)
    assert outsider.has_perm("aid.view_need", need)
    assert AnonymousUser().has_perm("aid.view_need", need)
    assert not outsider.has_perm("aid.view_sensitive", need)


def test_an_offer_for_a_need_is_decided_by_the_needs_side(world):
    partnership = world["partnership"]
    # A company of the receiving city offers for its own city's need.
    company = member_create(partnership, P, position=2).user
    offer = offer_make(partnership, company, need=world["need"])
    coordinators = {side: member_create(partnership, C, position=side).user for side in (1, 2)}
    assert coordinators[2].has_perm("aid.decide_offer", offer)
    assert not coordinators[1].has_perm("aid.decide_offer", offer)
