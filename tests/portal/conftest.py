"""Fixtures of the portal tests: the people of the partnership by role and side."""

import pytest

from pobratym.partnerships.models import Role
from tests.access import Cast


@pytest.fixture
def cast(partnership) -> Cast:
    return Cast(partnership)


@pytest.fixture
def coordinator1(cast):
    return cast[(Role.COORDINATOR, 1)]


@pytest.fixture
def coordinator2(cast):
    return cast[(Role.COORDINATOR, 2)]


@pytest.fixture
def office(cast):
    """A staff member of side 1."""
    return cast[(Role.STAFF, 1)]
