"""Who may do what in the directory: partnership predicates applied to organisations and
contacts. Both carry their city's `side`, so "same side" is the organisation's city."""

import rules

from pobratym.partnerships.models import Role
from pobratym.partnerships.predicates import membership_of

from .models import Contact


@rules.predicate
def is_not_anonymised(user, contact) -> bool:
    return isinstance(contact, Contact) and contact.anonymised_at is None


def sees_contacts(membership) -> bool:
    """The offices of both sides (coordinators and staff) work with contacts; selectors use
    this same function, so the list and the permission never disagree."""
    return membership is not None and membership.role in (Role.COORDINATOR, Role.STAFF)


@rules.predicate
def may_see_contacts(user, record) -> bool:
    return sees_contacts(membership_of(user, record))
