"""Permissions of the aid app; views, templates and the API ask these names.

Needs are posted for the poster's own side (services take the side from the membership), so
"same side" below is the receiving side of the need.
"""

import rules

from pobratym.partnerships.predicates import (
    is_coordinator,
    is_coordinator_or_staff,
    is_member,
    is_on_same_side,
)

from .predicates import (
    is_donor_role,
    is_on_receiving_side,
    is_on_sending_side,
    is_on_shipment_receiving_side,
    is_public,
    may_see_sensitive,
)

rules.add_perm("aid.view_need", is_member | is_public)
rules.add_perm("aid.view_sensitive", may_see_sensitive)
# On a partnership: may post a need for one's own side; on a need: may edit it.
rules.add_perm("aid.add_need", is_coordinator_or_staff)
rules.add_perm("aid.change_need", is_coordinator_or_staff & is_on_same_side)
rules.add_perm("aid.publish_need", is_coordinator & is_on_same_side)
rules.add_perm("aid.add_offer", is_donor_role)
rules.add_perm("aid.decide_offer", is_coordinator & is_on_receiving_side)
rules.add_perm("aid.confirm_pledge", is_coordinator & is_on_receiving_side)
# Shipments: the donor side's office plans, packs and ships; the receiving side's office
# writes the goods received note; either office resolves a discrepancy once settled.
rules.add_perm("aid.view_shipment", is_member)
rules.add_perm("aid.add_shipment", is_coordinator_or_staff)
rules.add_perm("aid.change_shipment", is_coordinator_or_staff & is_on_sending_side)
rules.add_perm("aid.receive_shipment", is_coordinator_or_staff & is_on_shipment_receiving_side)
rules.add_perm("aid.resolve_discrepancy", is_coordinator_or_staff)
# Translating a record by hand, or correcting its original language, changes no fact of it:
# the offices of both sides may, since the reading side knows its own language best.
rules.add_perm("aid.translate_need", is_coordinator_or_staff)
rules.add_perm("aid.translate_offer", is_coordinator_or_staff)
rules.add_perm("aid.translate_shipment", is_coordinator_or_staff)
