"""Fixtures of the project tests: the people of the partnership by role and side, and a
project led by side 1 running through 2026."""

import uuid
from datetime import date
from decimal import Decimal

import pytest

from pobratym.partnerships.models import Role
from pobratym.projects import services
from tests.access import Cast


def project_add(partnership, by, **fields):
    data = {
        "title": "Digitale Bürgerdienste",
        "description": "Ein Bürgerportal für Schytomyr.",
        "lead_side": partnership.sides.get(position=1),
        "status": "running",
        "starts_on": date(2026, 1, 1),
        "ends_on": date(2026, 12, 31),
        "language": "de",
        **fields,
    }
    return services.project_create(
        partnership=partnership, by=by, idempotency_key=uuid.uuid4(), **data
    )


def line_add(project, by, amount, currency="EUR", purpose="Server", **rate):
    """A budget line of `amount` in `currency` (hryvnia with `rate` and `rate_on`)."""
    return services.budget_line_add(
        project=project,
        by=by,
        idempotency_key=uuid.uuid4(),
        purpose=purpose,
        amount=Decimal(amount),
        currency=currency,
        **rate,
    )


@pytest.fixture
def cast(partnership) -> Cast:
    return Cast(partnership)


@pytest.fixture
def office(cast):
    """A staff member of side 1."""
    return cast[(Role.STAFF, 1)]


@pytest.fixture
def project(partnership, office):
    return project_add(partnership, office)
