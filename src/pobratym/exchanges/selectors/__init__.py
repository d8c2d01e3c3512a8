"""Every read of the exchanges app, scoped to the viewer, one module per workflow. Callers
ask `selectors.<name>`."""

from .events import (
    PAST,
    UPCOMING,
    event_detail,
    event_list,
    event_photo,
    event_public_detail,
    events_of_member,
    member_choices,
    public_events,
    public_events_everywhere,
)

__all__ = [
    "PAST",
    "UPCOMING",
    "event_detail",
    "event_list",
    "event_photo",
    "event_public_detail",
    "events_of_member",
    "member_choices",
    "public_events",
    "public_events_everywhere",
]
