"""Permissions of the agreements app; views, templates and the API ask these names.

Signing, approving and giving notice are done for the signer's own side: services take the
side from the person's membership, so nobody can speak for the other side.
"""

import rules

from pobratym.partnerships.predicates import (
    is_coordinator,
    is_coordinator_or_signatory,
    is_coordinator_or_staff,
    is_member,
    is_office,
    is_on_same_side,
    is_signatory,
)

from .predicates import is_on_other_side, is_on_proposing_side

rules.add_perm("agreements.view_agreement", is_member)
rules.add_perm("agreements.add_agreement", is_coordinator)
rules.add_perm("agreements.change_agreement", is_coordinator)
rules.add_perm("agreements.propose_version", is_coordinator_or_signatory)
rules.add_perm("agreements.sign_agreement", is_signatory)
rules.add_perm("agreements.terminate_agreement", is_signatory)
rules.add_perm("agreements.propose_amendment", is_coordinator_or_signatory)
rules.add_perm("agreements.approve_amendment", is_signatory)
rules.add_perm("agreements.reject_amendment", is_coordinator_or_signatory & is_on_other_side)
rules.add_perm("agreements.withdraw_amendment", is_coordinator_or_signatory & is_on_proposing_side)
# Translating changes no original: the coordinators of both sides translate an agreement's
# title and terms, also once it is signed, each for the readers of their side.
rules.add_perm("agreements.translate_agreement", is_coordinator)
# The register of official letters is for the offices, not partner organisations or observers.
rules.add_perm("agreements.view_letter", is_office)
rules.add_perm("agreements.register_letter", is_coordinator_or_staff)
rules.add_perm("agreements.change_letter", is_coordinator_or_staff & is_on_same_side)
# Either office translates a letter's subject and summary for its readers.
rules.add_perm("agreements.translate_letter", is_coordinator_or_staff)
