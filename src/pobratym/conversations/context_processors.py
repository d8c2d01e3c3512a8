"""The number of unread messages, for the top navigation of every page."""

from django.utils.functional import SimpleLazyObject

from . import selectors


def unread(request) -> dict:
    """Nothing for visitors; one query for a signed-in person, only if the page shows it."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"unread_message_count": SimpleLazyObject(lambda: selectors.unread_count(viewer=user))}
