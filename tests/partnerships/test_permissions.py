"""Every permission of partnerships' rules.py for every role on either side, for people of
another partnership and for anonymous visitors, asked of the rules (no HTTP).

The records belong to side 1: the partnership itself, side 1, a staff member of side 1 and an
invitation to side 1. A change in rules.py shows here as a wrong cell.
"""

import pytest

from pobratym.partnerships.models import Role
from tests.access import EVERYONE, Cast, permissions_of, rules_check, who
from tests.factories import invitation_make, member_create

pytestmark = pytest.mark.django_db

COORDINATORS = who(Role.COORDINATOR)
OWN_SIDE_COORDINATOR = who(Role.COORDINATOR, sides=[1])

# permission: (the record it is asked on, who holds it)
RULES = {
    "partnerships.view_partnership": ("partnership", EVERYONE),
    "partnerships.view_membership": ("membership", EVERYONE),
    "partnerships.view_history": ("partnership", EVERYONE),
    "partnerships.change_partnership": ("partnership", COORDINATORS),
    "partnerships.manage_focus_areas": ("partnership", COORDINATORS),
    "partnerships.invite_member": ("side", OWN_SIDE_COORDINATOR),
    "partnerships.change_membership": ("membership", OWN_SIDE_COORDINATOR),
    "partnerships.revoke_invitation": ("invitation", OWN_SIDE_COORDINATOR),
}


def test_the_table_covers_every_registered_permission():
    assert permissions_of("partnerships") == set(RULES)


def test_every_permission_for_every_role_and_side(partnership):
    records = {
        "partnership": partnership,
        "side": partnership.sides.get(position=1),
        "membership": member_create(partnership, Role.STAFF, position=1),
        "invitation": invitation_make(partnership, position=1),
    }
    rules_check(Cast(partnership), RULES, records)


def test_coordinator_cannot_invite_to_other_side(partnership, coordinator):
    assert not coordinator.has_perm("partnerships.invite_member", partnership.sides.get(position=2))


def test_coordinator_of_other_partnership_cannot_view(partnership, outsider):
    assert not outsider.has_perm("partnerships.view_partnership", partnership)
