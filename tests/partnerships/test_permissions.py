"""Every permission of rules.py against every role and relation: one cell per combination.

The target is always on side 1 of the partnership (the partnership itself, side 1, a staff
member of side 1, or an invitation to side 1). The actor stands on side 1 ("own side"), on
side 2 ("other side"), in another partnership only ("elsewhere"), or is not signed in.
A change in rules.py shows here as a failing cell.
"""

import pytest
import rules
from django.contrib.auth.models import AnonymousUser

from pobratym.partnerships.models import Role
from tests.factories import invitation_make, member_create, partnership_create

ROLES = [Role.COORDINATOR, Role.STAFF, Role.SIGNATORY, Role.PARTNER, Role.OBSERVER]
RELATIONS = ["own side", "other side", "elsewhere"]
EVERY_ROLE = set(ROLES)

# permission -> {relation: roles allowed}; a relation not listed allows nobody.
ALLOWED = {
    "partnerships.view_partnership": {"own side": EVERY_ROLE, "other side": EVERY_ROLE},
    "partnerships.view_membership": {"own side": EVERY_ROLE, "other side": EVERY_ROLE},
    "partnerships.view_history": {"own side": EVERY_ROLE, "other side": EVERY_ROLE},
    "partnerships.change_partnership": {
        "own side": {Role.COORDINATOR},
        "other side": {Role.COORDINATOR},
    },
    "partnerships.manage_focus_areas": {
        "own side": {Role.COORDINATOR},
        "other side": {Role.COORDINATOR},
    },
    "partnerships.invite_member": {"own side": {Role.COORDINATOR}},
    "partnerships.change_membership": {"own side": {Role.COORDINATOR}},
    "partnerships.revoke_invitation": {"own side": {Role.COORDINATOR}},
}

TARGETS = {
    "partnerships.view_partnership": "partnership",
    "partnerships.view_membership": "membership",
    "partnerships.view_history": "partnership",
    "partnerships.change_partnership": "partnership",
    "partnerships.manage_focus_areas": "partnership",
    "partnerships.invite_member": "side",
    "partnerships.change_membership": "membership",
    "partnerships.revoke_invitation": "invitation",
}


def _target(kind: str, partnership):
    if kind == "partnership":
        return partnership
    if kind == "side":
        return partnership.sides.get(position=1)
    if kind == "membership":
        return member_create(partnership, Role.STAFF, position=1)
    return invitation_make(partnership, position=1)


def test_matrix_covers_every_registered_permission():
    registered = {
        name for name in rules.permissions.permissions if name.startswith("partnerships.")
    }
    assert registered == set(ALLOWED)


@pytest.mark.django_db
@pytest.mark.parametrize("permission", sorted(ALLOWED))
@pytest.mark.parametrize("relation", RELATIONS)
@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix(permission, relation, role):
    partnership = partnership_create()
    if relation == "elsewhere":
        actor = member_create(partnership_create(), role, position=1).user
    else:
        actor = member_create(partnership, role, position=1 if relation == "own side" else 2).user
    target = _target(TARGETS[permission], partnership)

    expected = role in ALLOWED[permission].get(relation, set())

    assert actor.has_perm(permission, target) is expected


@pytest.mark.django_db
@pytest.mark.parametrize("permission", sorted(ALLOWED))
def test_anonymous_visitor_holds_no_permission(permission):
    target = _target(TARGETS[permission], partnership_create())
    assert AnonymousUser().has_perm(permission, target) is False


@pytest.mark.django_db
def test_coordinator_cannot_invite_to_other_side(partnership, coordinator):
    assert not coordinator.has_perm("partnerships.invite_member", partnership.sides.get(position=2))


@pytest.mark.django_db
def test_coordinator_of_other_partnership_cannot_view(partnership, outsider):
    assert not outsider.has_perm("partnerships.view_partnership", partnership)
