"""Who may do what with events: partnership predicates applied to events and to the records of
an event (agenda items, participants, invitations, follow-up tasks, photos), which name their
partnership through the event."""

import rules

from pobratym.partnerships.predicates import is_coordinator, is_coordinator_or_staff, is_member

from .models import Event


def event_of(record):
    """The event a record belongs to (the record itself for an event), or None for a
    partnership or anything else."""
    if isinstance(record, Event):
        return record
    return getattr(record, "event", None)


def on_event(predicate):
    """`predicate` asked of the record's event, or of the record itself when it belongs to no
    event (a partnership, when asking whether one may add)."""

    @rules.predicate(name=f"on_event({predicate.name})")
    def asked(user, record) -> bool:
        event = event_of(record)
        return bool(predicate.test(user, event if event is not None else record))

    return asked


@rules.predicate
def is_follow_up_owner(user, follow_up) -> bool:
    return user.pk is not None and getattr(follow_up, "owner_id", None) == user.pk


is_member_of_event = on_event(is_member)
is_coordinator_of_event = on_event(is_coordinator)
# The offices of both sides: coordinators and staff.
is_office_of_event = on_event(is_coordinator_or_staff)
