"""Every change to exchanges records, one module per workflow. Callers ask
`services.<name>`."""

from .events import (
    EVENT_FIELDS,
    agenda_item_add,
    agenda_item_move,
    agenda_item_remove,
    event_create,
    event_photo_add,
    event_update,
    follow_up_add,
    follow_up_complete,
)

__all__ = [
    "EVENT_FIELDS",
    "agenda_item_add",
    "agenda_item_move",
    "agenda_item_remove",
    "event_create",
    "event_photo_add",
    "event_update",
    "follow_up_add",
    "follow_up_complete",
]
