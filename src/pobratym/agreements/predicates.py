"""Who may do what with agreements and letters; partnership predicates apply to any record
that names its partnership (agreement, version, amendment, letter)."""

import rules

from pobratym.partnerships.predicates import membership_of


@rules.predicate
def is_on_proposing_side(user, amendment) -> bool:
    membership = membership_of(user, amendment)
    return membership is not None and membership.side_id == amendment.proposed_by_side_id


@rules.predicate
def is_on_other_side(user, amendment) -> bool:
    membership = membership_of(user, amendment)
    return membership is not None and membership.side_id != amendment.proposed_by_side_id
