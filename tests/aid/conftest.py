"""Fixtures of the aid tests: the people of the partnership by role and side, and the need and
offer most tests start from. Side 2 receives (its coordinator posts needs and confirms
pledges); side 1 donates (its staff make offers, plan and pack shipments)."""

import pytest

from pobratym.partnerships.models import Role
from tests.access import Cast
from tests.aid.factories import need_post, offer_make
from tests.aid.page_factories import ADDRESS, World


@pytest.fixture
def cast(partnership) -> Cast:
    """The people of the partnership by (role, side), made when first asked for."""
    return Cast(partnership)


@pytest.fixture
def receiver(cast):
    """The coordinator of the receiving side (side 2, Zhytomyr)."""
    return cast[(Role.COORDINATOR, 2)]


@pytest.fixture
def donor(cast):
    """A staff member of the donor side (side 1, Dortmund)."""
    return cast[(Role.STAFF, 1)]


@pytest.fixture
def team(receiver, donor) -> dict:
    """The sending side's staff member plans and packs; the receiving side's coordinator
    posts needs and confirms pledges (the shape `shipment_factories` take)."""
    return {"sender": donor, "receiver": receiver}


@pytest.fixture
def need(partnership, receiver):
    """A need of the receiving side, at an exact address of critical infrastructure."""
    return need_post(partnership, receiver, address=ADDRESS, critical_infrastructure=True)


@pytest.fixture
def offer(partnership, donor):
    """A free offer from the donor side that fits the need."""
    return offer_make(partnership, donor)


@pytest.fixture
def world(partnership, receiver, donor, need, offer) -> World:
    """The partnership with the need of the receiving side and the free offer of the donor
    side, as the need and offer pages are tested."""
    return World(partnership, receiver, donor, need, offer)
