"""Permissions of the partnerships app; views, templates and the API ask these names."""

import rules

from .predicates import is_coordinator, is_member, is_on_same_side

rules.add_perm("partnerships.view_partnership", is_member)
rules.add_perm("partnerships.change_partnership", is_coordinator)
rules.add_perm("partnerships.view_membership", is_member)
rules.add_perm("partnerships.view_history", is_member)
rules.add_perm("partnerships.manage_focus_areas", is_coordinator)
# A coordinator speaks for their own side only: they invite to it and manage its members.
rules.add_perm("partnerships.invite_member", is_coordinator & is_on_same_side)
rules.add_perm("partnerships.change_membership", is_coordinator & is_on_same_side)
rules.add_perm("partnerships.revoke_invitation", is_coordinator & is_on_same_side)
