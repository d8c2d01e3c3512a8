"""The number of unread messages, for the top navigation of every page."""

from . import selectors


def unread(request) -> dict:
    """Nothing for visitors; one query for a signed-in person. A plain number, not a lazy
    object: plural rules (Ukrainian: n % 10) compute with it."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"unread_message_count": selectors.unread_count(viewer=user)}
