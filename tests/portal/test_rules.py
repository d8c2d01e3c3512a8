"""The permission grid of the news: every permission for every role on either side, for
people of another partnership and for anonymous visitors, asked of the rules. The post is
written by the coordinator of side 1."""

import pytest

from tests.access import EVERYONE, C, S, permissions_of, rules_check, who
from tests.portal.factories import news_add

pytestmark = pytest.mark.django_db

# permission: (the record it is asked on, who holds it)
RULES = {
    "portal.view_newspost": ("partnership", EVERYONE),
    "portal.add_newspost": ("partnership", who(C)),
    "portal.change_newspost": ("post", who(C)),
    "portal.translate_newspost": ("post", who(C, S)),
}


def test_the_table_covers_every_registered_permission():
    assert permissions_of("portal") == set(RULES)


def test_every_permission_for_every_role_and_side(partnership, cast, coordinator1):
    post = news_add(partnership, coordinator1)
    rules_check(cast, RULES, {"partnership": partnership, "post": post})
