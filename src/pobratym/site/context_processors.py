"""The number of My work items, for the top bar of every page."""

from pobratym.partnerships.work import work_for


def my_work(request) -> dict:
    """Nothing for visitors; the items are worked out once per request (My work reuses them)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"my_work_count": len(work_for(user))}
