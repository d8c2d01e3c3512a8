"""Who may do what with agreements and letters; partnership predicates apply to any record
that names its partnership (agreement, version, amendment, letter)."""

import rules

from pobratym.partnerships.models import Role
from pobratym.partnerships.predicates import has_role, membership_of

is_signatory = has_role(Role.SIGNATORY)
is_coordinator_or_signatory = has_role(Role.COORDINATOR, Role.SIGNATORY)
is_office = has_role(Role.COORDINATOR, Role.STAFF, Role.SIGNATORY)
is_registrar = has_role(Role.COORDINATOR, Role.STAFF)


@rules.predicate
def is_on_proposing_side(user, amendment) -> bool:
    membership = membership_of(user, amendment)
    return membership is not None and membership.side_id == amendment.proposed_by_side_id


@rules.predicate
def is_on_other_side(user, amendment) -> bool:
    membership = membership_of(user, amendment)
    return membership is not None and membership.side_id != amendment.proposed_by_side_id
