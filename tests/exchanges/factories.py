"""Events made through the services, as people make them."""

import uuid
from datetime import datetime, timedelta
from itertools import count

from django.utils import timezone

from pobratym.exchanges import services

_numbers = count(1)


def wall_clock(days: int, hour: int = 10) -> datetime:
    """A wall-clock time `days` from today, as a person types it (no zone)."""
    day = timezone.localdate() + timedelta(days=days)
    return datetime(day.year, day.month, day.day, hour, 0)


def event_fields(partnership, **fields) -> dict:
    sides = list(partnership.sides.order_by("position"))
    return {
        "kind": "delegation",
        "title": f"Event {next(_numbers)}",
        "starts_at": wall_clock(30, 9),
        "ends_at": wall_clock(32, 17),
        "time_zone": "Europe/Berlin",
        "city": "Dortmund",
        "host_side": sides[0],
        "visiting_side": sides[1],
        **fields,
    }


def event_add(partnership, by, *, idempotency_key=None, **fields):
    return services.event_create(
        partnership=partnership,
        by=by,
        idempotency_key=idempotency_key or uuid.uuid4(),
        language=fields.pop("language", "en"),
        **event_fields(partnership, **fields),
    )
