"""The permission grid of projects: every permission for every role on either side, for
people of another partnership and for anonymous visitors, asked of the rules."""

import pytest

from pobratym.projects.models import FundingProgramme
from tests.access import EVERYONE, C, S, permissions_of, rules_check, who
from tests.projects.plans import plan_add

pytestmark = pytest.mark.django_db

OFFICE = who(C, S)

# permission: (the record it is asked on, who holds it)
RULES = {
    "projects.view_project": ("project", EVERYONE),
    "projects.add_project": ("partnership", OFFICE),
    "projects.change_project": ("project", OFFICE),
    "projects.translate_project": ("project", OFFICE),
    "projects.view_fundingprogramme": ("partnership", EVERYONE),
    "projects.change_fundingprogramme": ("partnership", who(C)),
    "projects.view_application": ("partnership", EVERYONE),
    "projects.add_application": ("partnership", OFFICE),
    "projects.change_application": ("partnership", OFFICE),
    "projects.view_plan": ("plan", EVERYONE),
    "projects.add_plan": ("partnership", OFFICE),
    "projects.change_plan": ("plan", OFFICE),
    "projects.approve_plan": ("plan", who(C)),
    "projects.translate_plan": ("plan", OFFICE),
    "projects.view_report": ("partnership", EVERYONE),
    "projects.add_report": ("partnership", who(C)),
}


# Asked on a programme of the shared catalogue, held by coordinators of any partnership (so
# also by the outsiders the grid refuses everything): its own test below.
SHARED = {"projects.translate_fundingprogramme"}


def test_the_table_covers_every_registered_permission():
    assert permissions_of("projects") == set(RULES) | SHARED


def test_every_permission_for_every_role_and_side(partnership, cast, project, office):
    plan = plan_add(partnership, office)
    rules_check(cast, RULES, {"partnership": partnership, "project": project, "plan": plan})


def test_a_coordinator_of_any_partnership_may_translate_the_shared_catalogue(cast):
    programme = FundingProgramme(name="CERV", funder="EC", funder_kind="eu")
    assert cast.outsider(C).has_perm("projects.translate_fundingprogramme", programme)
    assert not cast.outsider(S).has_perm("projects.translate_fundingprogramme", programme)
