"""Who gets which page: status codes per role and relation, over HTTP as a browser asks.

Members see the pages (200) or are refused an action (403); people outside the partnership
are told it does not exist (404); visitors who are not signed in go to the login (302).
"""

from dataclasses import dataclass

import pytest
from django.test import Client
from django.urls import reverse

from pobratym.partnerships.models import FocusArea, Invitation, Membership, Role
from tests.factories import focus_area_create, invitation_make, member_create, partnership_create

ROLES = [Role.COORDINATOR, Role.STAFF, Role.SIGNATORY, Role.PARTNER, Role.OBSERVER]


@dataclass
class World:
    partnership: object
    staff_membership: Membership
    invitation: Invitation
    focus_area: FocusArea


def _world() -> World:
    partnership = partnership_create()
    # A second coordinator on each side, so no action trips the last-coordinator rule.
    member_create(partnership, Role.COORDINATOR, position=1)
    member_create(partnership, Role.COORDINATOR, position=2)
    return World(
        partnership=partnership,
        staff_membership=member_create(partnership, Role.STAFF, position=1),
        invitation=invitation_make(partnership, position=1),
        focus_area=focus_area_create(partnership, "youth"),
    )


def _coordinator(role, relation):
    return role == Role.COORDINATOR


def _coordinator_of_side_one(role, relation):
    return role == Role.COORDINATOR and relation == "own side"


def _everyone(role, relation):
    return True


@dataclass
class Action:
    name: str
    method: str
    url: object
    allowed: object
    data: object = None
    success: int = 200

    def __str__(self):
        return self.name


ACTIONS = [
    Action(
        "dashboard",
        "get",
        lambda w: reverse("partnerships:dashboard", args=[w.partnership.slug]),
        _everyone,
    ),
    Action(
        "members",
        "get",
        lambda w: reverse("partnerships:members", args=[w.partnership.slug]),
        _everyone,
    ),
    Action(
        "history",
        "get",
        lambda w: reverse("partnerships:history", args=[w.partnership.slug]),
        _everyone,
    ),
    Action(
        "edit",
        "get",
        lambda w: reverse("partnerships:edit", args=[w.partnership.slug]),
        _coordinator,
    ),
    Action(
        "focus areas",
        "get",
        lambda w: reverse("partnerships:focus_areas", args=[w.partnership.slug]),
        _coordinator,
    ),
    Action(
        "edit (post)",
        "post",
        lambda w: reverse("partnerships:edit", args=[w.partnership.slug]),
        _coordinator,
        data=lambda w, actor_side: {"kind": "twinning", "status": "active", "description_en": "x"},
        success=302,
    ),
    Action(
        "focus areas (post)",
        "post",
        lambda w: reverse("partnerships:focus_areas", args=[w.partnership.slug]),
        _coordinator,
        data=lambda w, actor_side: {
            "key": "science",
            "name_en": "Science",
            "name_de": "Wissenschaft",
            "name_uk": "Наука",
            "position": 2,
        },
        success=302,
    ),
    Action(
        "invite (post)",
        "post",
        lambda w: reverse("partnerships:members", args=[w.partnership.slug]),
        _coordinator,
        data=lambda w, actor_side: {
            "email": "newcomer@example.org",
            "side": actor_side.pk if actor_side else w.partnership.sides.get(position=1).pk,
            "role": "staff",
            "language": "en",
        },
        success=302,
    ),
    Action(
        "change role (post)",
        "post",
        lambda w: reverse(
            "partnerships:membership_change", args=[w.partnership.slug, w.staff_membership.pk]
        ),
        _coordinator_of_side_one,
        data=lambda w, actor_side: {"role": "observer"},
        success=302,
    ),
    Action(
        "remove member (post)",
        "post",
        lambda w: reverse(
            "partnerships:membership_change", args=[w.partnership.slug, w.staff_membership.pk]
        ),
        _coordinator_of_side_one,
        data=lambda w, actor_side: {"remove": "1"},
        success=302,
    ),
    Action(
        "withdraw invitation (post)",
        "post",
        lambda w: reverse(
            "partnerships:invitation_revoke", args=[w.partnership.slug, w.invitation.pk]
        ),
        _coordinator_of_side_one,
        data=lambda w, actor_side: {},
        success=302,
    ),
    Action(
        "delete focus area (post)",
        "post",
        lambda w: reverse(
            "partnerships:focus_area_delete", args=[w.partnership.slug, w.focus_area.pk]
        ),
        _coordinator,
        data=lambda w, actor_side: {},
        success=302,
    ),
]


def _request(client, action: Action, world: World, actor_side=None):
    url = action.url(world)
    if action.method == "get":
        return client.get(url)
    return client.post(url, action.data(world, actor_side))


@pytest.mark.django_db
@pytest.mark.parametrize("action", ACTIONS, ids=str)
@pytest.mark.parametrize("relation", ["own side", "other side"])
@pytest.mark.parametrize("role", ROLES)
def test_member_gets_page_or_403_by_role(action, relation, role, client_of):
    world = _world()
    membership = member_create(world.partnership, role, position=1 if relation == "own side" else 2)

    response = _request(client_of(membership.user), action, world, membership.side)

    expected = action.success if action.allowed(role, relation) else 403
    assert response.status_code == expected, response.content[:500]


@pytest.mark.django_db
@pytest.mark.parametrize("action", ACTIONS, ids=str)
@pytest.mark.parametrize("role", ROLES)
def test_member_of_another_partnership_gets_404(action, role, client_of):
    world = _world()
    outsider = member_create(partnership_create(), role).user

    response = _request(client_of(outsider), action, world)

    assert response.status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("action", ACTIONS, ids=str)
def test_anonymous_visitor_is_sent_to_login(action):
    world = _world()

    response = _request(Client(), action, world)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.django_db
@pytest.mark.parametrize("action", ACTIONS[3:], ids=str)
def test_refused_action_changes_nothing(action, client_of):
    world = _world()
    observer = member_create(world.partnership, Role.OBSERVER, position=1).user
    history_before = _history_count()

    response = _request(client_of(observer), action, world, observer.memberships.get().side)

    assert response.status_code == 403
    assert _history_count() == history_before


def _history_count() -> int:
    from pobratym.partnerships.models import FocusArea, Invitation, Membership, Partnership

    return sum(model.history.count() for model in (Partnership, Membership, Invitation, FocusArea))
