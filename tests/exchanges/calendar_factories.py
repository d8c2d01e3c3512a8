"""What the calendar and feed tests share: a meeting at a known local time in Kyiv, next year
(so it is still to come), and addresses with a query."""

from datetime import datetime

from django.utils import timezone

from tests.exchanges.factories import event_add

YEAR = timezone.localdate().year + 1


def kyiv_meeting(partnership, by, **fields):
    """10:00–12:00 Kyiv time on 3 June next year, in Zhytomyr's city hall; not public unless
    asked."""
    return event_add(
        partnership,
        by,
        **{
            "title": "Water utilities meet",
            "description": "Pumps and pipes.",
            "time_zone": "Europe/Kyiv",
            "starts_at": datetime(YEAR, 6, 3, 10, 0),
            "ends_at": datetime(YEAR, 6, 3, 12, 0),
            "city": "Zhytomyr",
            "venue": "City hall",
            **fields,
        },
    )


def with_query(address: str, **query) -> str:
    return address + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")
