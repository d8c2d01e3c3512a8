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
from .invitations import invitation_create, invitation_reply, invitations_send
from .participants import participant_add, participant_remove

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
    "invitation_create",
    "invitation_reply",
    "invitations_send",
    "participant_add",
    "participant_remove",
]
