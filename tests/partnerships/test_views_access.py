"""Who gets which page: status codes by role and side, over HTTP as a browser asks, for a few
representative people per page (the full grid is in test_permissions.py).

Members see the pages (200) or are refused an action (403) that changes nothing; people outside
the partnership are told it does not exist (404); visitors who are not signed in go to the
login (302).
"""

import itertools
from dataclasses import dataclass, replace

import pytest
from django.urls import reverse

from pobratym.partnerships.models import FocusArea, Invitation, Membership, Partnership, Role
from tests.access import EVERYONE, Cast, Page, http_check
from tests.factories import focus_area_create, invitation_make, member_create
from tests.partnerships.test_permissions import RULES

pytestmark = pytest.mark.django_db

_numbers = itertools.count(1)


@dataclass
class World:
    partnership: Partnership
    staff_membership: Membership
    invitation: Invitation
    focus_area: FocusArea


def _world(partnership) -> World:
    # A second coordinator on each side, so no action trips the last-coordinator rule.
    member_create(partnership, Role.COORDINATOR, position=1)
    member_create(partnership, Role.COORDINATOR, position=2)
    return World(
        partnership=partnership,
        staff_membership=member_create(partnership, Role.STAFF, position=1),
        invitation=invitation_make(partnership, position=1),
        focus_area=focus_area_create(partnership, "youth"),
    )


def _renewed(world: World) -> World:
    """Another focus area to delete, for the next person allowed to."""
    return replace(world, focus_area=focus_area_create(world.partnership, f"area-{next(_numbers)}"))


def _url(name, *records):
    return lambda w: reverse(
        f"partnerships:{name}", args=[w.partnership.slug, *(getattr(w, r).pk for r in records)]
    )


def _focus_area(world, person):
    number = next(_numbers)
    return {
        "key": f"science-{number}",
        "name_en": "Science",
        "name_de": "Wissenschaft",
        "name_uk": "Наука",
        "position": 2,
    }


def _invitation(world, person):
    """An invitation to the person's own side, the only side their form offers."""
    own = person.memberships.filter(partnership=world.partnership).first() if person else None
    side = own.side if own else world.partnership.sides.get(position=1)
    return {
        "email": f"newcomer{next(_numbers)}@example.org",
        "side": side.pk,
        "role": "staff",
        "language": "en",
    }


COORDINATORS = RULES["partnerships.change_partnership"][1]
OWN_SIDE_COORDINATOR = RULES["partnerships.change_membership"][1]
ANY_COORDINATOR_FOR_THEIR_SIDE = COORDINATORS  # invite_member, asked on the person's own side

PAGES = [
    Page("dashboard", _url("dashboard"), EVERYONE),
    Page("members", _url("members"), EVERYONE),
    Page("history", _url("history"), EVERYONE),
    Page("edit", _url("edit"), COORDINATORS),
    Page("focus areas", _url("focus_areas"), COORDINATORS),
    Page(
        "edit (post)",
        _url("edit"),
        COORDINATORS,
        method="post",
        data={"kind": "twinning", "status": "active", "description_en": "x"},
        success=302,
    ),
    Page(
        "focus areas (post)",
        _url("focus_areas"),
        COORDINATORS,
        method="post",
        data=_focus_area,
        success=302,
    ),
    Page(
        "invite (post)",
        _url("members"),
        ANY_COORDINATOR_FOR_THEIR_SIDE,
        method="post",
        data=_invitation,
        success=302,
    ),
    Page(
        "change role (post)",
        _url("membership_change", "staff_membership"),
        OWN_SIDE_COORDINATOR,
        method="post",
        data={"role": "observer"},
        success=302,
    ),
    Page(
        "remove member (post)",
        _url("membership_change", "staff_membership"),
        OWN_SIDE_COORDINATOR,
        method="post",
        data={"remove": "1"},
        success=302,
    ),
    Page(
        "withdraw invitation (post)",
        _url("invitation_revoke", "invitation"),
        OWN_SIDE_COORDINATOR,
        method="post",
        success=302,
    ),
    Page(
        "delete focus area (post)",
        _url("focus_area_delete", "focus_area"),
        COORDINATORS,
        method="post",
        success=302,
    ),
]


def _history_count() -> int:
    return sum(model.history.count() for model in (Partnership, Membership, Invitation, FocusArea))


@pytest.mark.parametrize("page", PAGES, ids=str)
def test_page_answers_by_role_and_side_and_refusals_change_nothing(page, partnership):
    world = _world(partnership)
    cast = Cast(partnership)

    http_check(page, world, cast, unchanged=_history_count, renew=_renewed)
