"""Fixtures of the directory tests: the people of the partnership by role and side, an
organisation of side 1 (added by its staff) and a contact there."""

import pytest

from pobratym.partnerships.models import Role
from tests.access import Cast
from tests.directory.factories import contact_add, organisation_add


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
def organisation(partnership, office):
    return organisation_add(partnership, office, name="Stadtwerke Alpha")


@pytest.fixture
def contact(organisation, office):
    return contact_add(organisation, office, name="Anna Becker", email="anna@example.org")
