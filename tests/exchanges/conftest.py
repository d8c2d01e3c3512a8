"""Fixtures of the exchanges tests: the people of the partnership by role and side, and an
upcoming event hosted by side 1 (added by its staff) with side 2 visiting."""

import pytest

from pobratym.partnerships.models import Role
from tests.access import Cast
from tests.exchanges.factories import event_add


@pytest.fixture
def cast(partnership) -> Cast:
    return Cast(partnership)


@pytest.fixture
def office(cast):
    """A staff member of side 1."""
    return cast[(Role.STAFF, 1)]


@pytest.fixture
def coordinator1(cast):
    return cast[(Role.COORDINATOR, 1)]


@pytest.fixture
def event(partnership, office):
    return event_add(partnership, office, title="Delegation to Beta")
