"""Who may do what in a partnership: named predicates, combined in rules.py.

Each predicate takes the person and a partnership record (a partnership, side, membership or
invitation). A person's memberships are looked up once per request and kept on the user.
"""

import rules

from .models import Membership, Partnership, Role, Side


def _partnership_id(obj) -> int | None:
    """Any record that belongs to a partnership names it by `partnership_id`."""
    if isinstance(obj, Partnership):
        return obj.pk
    return getattr(obj, "partnership_id", None)


def _side_id(obj) -> int | None:
    if isinstance(obj, Side):
        return obj.pk
    return getattr(obj, "side_id", None)


def membership_of(user, obj) -> Membership | None:
    """The person's membership in the partnership `obj` belongs to, or None."""
    partnership_id = _partnership_id(obj)
    if partnership_id is None or not user.is_authenticated:
        return None
    cache = user.__dict__.setdefault("_pobratym_memberships", {})
    if partnership_id not in cache:
        cache[partnership_id] = Membership.objects.filter(
            user=user, partnership_id=partnership_id
        ).first()
    return cache[partnership_id]


@rules.predicate
def is_member(user, obj) -> bool:
    return membership_of(user, obj) is not None


@rules.predicate
def is_on_same_side(user, obj) -> bool:
    membership = membership_of(user, obj)
    return membership is not None and membership.side_id == _side_id(obj)


def has_role(*roles: Role):
    @rules.predicate(name=f"has_role({', '.join(roles)})")
    def predicate(user, obj) -> bool:
        membership = membership_of(user, obj)
        return membership is not None and membership.role in roles

    return predicate


# The role groups every app uses, defined once (docs/glossary.md, "Roles"):
is_coordinator = has_role(Role.COORDINATOR)
is_signatory = has_role(Role.SIGNATORY)
is_coordinator_or_signatory = has_role(Role.COORDINATOR, Role.SIGNATORY)
# Coordinators and staff: the people who do the administration's daily work (post needs,
# register letters, pack and receive shipments).
is_coordinator_or_staff = has_role(Role.COORDINATOR, Role.STAFF)
# The office: everyone of the city administration, signatories included; not partner
# organisations or observers. It reads the letters register.
is_office = has_role(Role.COORDINATOR, Role.STAFF, Role.SIGNATORY)
