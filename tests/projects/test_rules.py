"""The permission grid of projects: every permission for every role on either side, for
people of another partnership and for anonymous visitors, asked of the rules."""

import pytest

from tests.access import EVERYONE, C, S, permissions_of, rules_check, who

pytestmark = pytest.mark.django_db

OFFICE = who(C, S)

# permission: (the record it is asked on, who holds it)
RULES = {
    "projects.view_project": ("project", EVERYONE),
    "projects.add_project": ("partnership", OFFICE),
    "projects.change_project": ("project", OFFICE),
    "projects.translate_project": ("project", OFFICE),
}


def test_the_table_covers_every_registered_permission():
    assert permissions_of("projects") == set(RULES)


def test_every_permission_for_every_role_and_side(partnership, cast, project):
    rules_check(cast, RULES, {"partnership": partnership, "project": project})
