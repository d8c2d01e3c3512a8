"""Participants and invitations made through the services, as the offices make them, and
the fixtures of their tests: an event of the partnership and contacts of both cities."""

import uuid
from datetime import timedelta

import pytest
from django.utils import timezone

from pobratym.exchanges import services
from pobratym.partnerships.models import Role
from tests.access import Cast
from tests.directory.factories import contact_add, organisation_add
from tests.exchanges.factories import event_add


def participant_make(event, contact, by, *, idempotency_key=None, **fields):
    return services.participant_add(
        event=event,
        contact=contact,
        by=by,
        idempotency_key=idempotency_key or uuid.uuid4(),
        **fields,
    )


def minor_fields(**fields) -> dict:
    """A minor with the guardian's consent recorded, as a youth encounter needs it."""
    return {
        "role": "participant",
        "minor": True,
        "guardian_name": "Olena Kovalenko",
        "guardian_consent_on": timezone.localdate() - timedelta(days=3),
        "guardian_consent_method": "written",
        **fields,
    }


def invite(event, contacts, by, *, idempotency_key=None):
    return services.invitations_send(
        event=event, contacts=contacts, by=by, idempotency_key=idempotency_key or uuid.uuid4()
    )


@pytest.fixture
def cast(partnership) -> Cast:
    return Cast(partnership)


@pytest.fixture
def office(cast):
    """A staff member of side 1 (Dortmund)."""
    return cast[(Role.STAFF, 1)]


@pytest.fixture
def event(partnership, office):
    return event_add(partnership, office, title="Youth encounter Dortmund 2026", kind="youth")


@pytest.fixture
def dortmund_organisation(partnership, office):
    return organisation_add(partnership, office, name="Jugendring Dortmund")


@pytest.fixture
def zhytomyr_organisation(partnership, cast):
    return organisation_add(partnership, cast[(Role.STAFF, 2)], name="Гімназія № 23")


@pytest.fixture
def anna(dortmund_organisation, office):
    return contact_add(
        dortmund_organisation,
        office,
        name="Anna Becker",
        email="anna@example.org",
        languages=["de", "en"],
    )


@pytest.fixture
def taras(zhytomyr_organisation, cast):
    return contact_add(
        zhytomyr_organisation,
        cast[(Role.STAFF, 2)],
        name="Тарас Мельник",
        email="taras@example.org",
        languages=["pl", "uk"],
    )
