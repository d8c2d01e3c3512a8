"""Organisations and contacts made through the services, as people make them."""

import uuid
from datetime import timedelta
from itertools import count

from django.utils import timezone

from pobratym.directory import services

_numbers = count(1)


def organisation_add(partnership, by, *, idempotency_key=None, **fields):
    fields.setdefault("name", f"Organisation {next(_numbers)}")
    fields.setdefault("kind", "civil_society")
    return services.organisation_create(
        partnership=partnership,
        by=by,
        idempotency_key=idempotency_key or uuid.uuid4(),
        language=fields.pop("language", "en"),
        **fields,
    )


def contact_fields(**fields) -> dict:
    today = timezone.localdate()
    number = next(_numbers)
    return {
        "name": f"Person {number}",
        "function": "Head of international relations",
        "languages": ["de", "en"],
        "email": f"person{number}@example.org",
        "phone": "+49 231 50-0",
        "consent_on": today - timedelta(days=10),
        "consent_purpose": "Contact for the partnership",
        "consent_method": "written",
        "retain_until": today + timedelta(days=365),
        **fields,
    }


def contact_add(organisation, by, *, idempotency_key=None, **fields):
    return services.contact_create(
        organisation=organisation,
        by=by,
        idempotency_key=idempotency_key or uuid.uuid4(),
        **contact_fields(**fields),
    )
