"""Forms of the exchanges pages, one module per workflow."""

from .events import (
    AgendaItemForm,
    EventCreateForm,
    EventEditForm,
    EventFilterForm,
    EventPhotoForm,
    FollowUpForm,
)

__all__ = [
    "AgendaItemForm",
    "EventCreateForm",
    "EventEditForm",
    "EventFilterForm",
    "EventPhotoForm",
    "FollowUpForm",
]
