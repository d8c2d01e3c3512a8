"""The number of My work items, for the top bar of every page."""

from pobratym.partnerships.work import work_count


def my_work(request) -> dict:
    """Nothing for visitors; for a signed-in person two queries (their memberships and one
    count), or none more on My work itself, which has the list."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"my_work_count": work_count(user)}
