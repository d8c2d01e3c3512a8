"""The top bar's numbers on every page: the person's My work items and unread messages."""

from django.utils import timezone

from pobratym.conversations.selectors import unread_count
from pobratym.core.changes import remembered
from pobratym.partnerships.work import work_count


def top_bar(request) -> dict:
    """Nothing for visitors. For a signed-in person both numbers come from the cache while
    nothing was written since they were counted (core.changes); else two queries, or one on
    My work itself, which has the list. Today's date is in the key: deadlines move with it."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    key = f"top-bar:{user.pk}:{timezone.localdate().isoformat()}"
    my_work, unread = remembered(key, lambda: (work_count(user), unread_count(viewer=user)))
    # Plain numbers, not lazy objects: plural rules (Ukrainian: n % 10) compute with them.
    return {"my_work_count": my_work, "unread_message_count": unread}
