"""What the recent activity tests share: the check that exactly the expected roles and sides
see an event on the partnership's overview (people of another partnership see no overview)."""

from pobratym.accounts.models import User
from pobratym.partnerships.activity import recent_activity
from tests.access import Cast, Cell


def events_of(person, partnership, what: str) -> list:
    fresh = User.objects.get(pk=person.pk)
    return [event for event in recent_activity(fresh, partnership) if str(event.what) == what]


def activity_check(cast: Cast, what: str, holders: frozenset[Cell], url: str | None = None) -> None:
    """Exactly `holders` see one event `what` (linking to `url` if given)."""
    wrong = []
    for (role, side), person in sorted(cast.everyone().items()):
        events = events_of(person, cast.partnership, what)
        if len(events) != int((role, side) in holders):
            wrong.append(f"{what}: the {role} of side {side} sees {len(events)} events")
        elif events and url is not None and events[0].url != url:
            wrong.append(f"{what}: the {role} of side {side} is sent to {events[0].url}")
    assert not wrong, "\n".join(wrong)
