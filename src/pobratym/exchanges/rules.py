"""Permissions of the exchanges app; views, templates and the API ask these names.

Members of the partnership read its events, public or not (the public portal reads public
events through its own selectors). The offices of both sides (coordinators and staff) add
and change events, whichever side hosts: a visit is prepared by both. A follow-up task is
marked done by the person it is for (while a member) or by a coordinator of either side.
Each name works on an event and on its agenda items, follow-up tasks and photos; `add_event`
is asked of the partnership.
"""

import rules

from pobratym.directory.predicates import may_see_contacts

from .predicates import (
    is_coordinator_of_event,
    is_follow_up_owner,
    is_member_of_event,
    is_office_of_event,
    on_event,
)

rules.add_perm("exchanges.view_event", is_member_of_event)
rules.add_perm("exchanges.add_event", is_office_of_event)
rules.add_perm("exchanges.change_event", is_office_of_event)
# Translating changes no fact: the offices of both sides may, the reading side knows its
# language best.
rules.add_perm("exchanges.translate_event", is_office_of_event)
rules.add_perm(
    "exchanges.complete_followup",
    is_member_of_event & (is_follow_up_owner | is_coordinator_of_event),
)
# Participants and invitees are contacts of the directory: their names are seen by whom the
# directory shows contacts; the offices of both sides add and remove participants and invite.
rules.add_perm("exchanges.view_participant", on_event(may_see_contacts))
rules.add_perm("exchanges.add_participant", is_office_of_event)
rules.add_perm("exchanges.remove_participant", is_office_of_event)
rules.add_perm("exchanges.add_invitation", is_office_of_event)
