"""Who may read and write in threads: members of the partnership, and of a restricted thread
only the people taking part; observers read but do not write."""

import rules

from pobratym.partnerships.models import Role
from pobratym.partnerships.predicates import has_role, membership_of

from .models import Thread

is_observer = has_role(Role.OBSERVER)


def _thread(obj) -> Thread | None:
    """The thread of a thread, message, translation or attachment."""
    while obj is not None and not isinstance(obj, Thread):
        obj = getattr(obj, "thread", None) or getattr(obj, "message", None)
    return obj


def is_participant_of(user, thread: Thread) -> bool:
    """Whether the person takes part in the thread; asked once per thread and person."""
    cache = thread.__dict__.setdefault("_pobratym_participants", {})
    if user.pk not in cache:
        if "participants" in getattr(thread, "_prefetched_objects_cache", {}):
            cache[user.pk] = any(person.pk == user.pk for person in thread.participants.all())
        else:
            cache[user.pk] = thread.participants.filter(pk=user.pk).exists()
    return cache[user.pk]


@rules.predicate
def can_see_thread(user, obj) -> bool:
    thread = _thread(obj)
    if thread is None or membership_of(user, thread) is None:
        return False
    return not thread.restricted or is_participant_of(user, thread)
