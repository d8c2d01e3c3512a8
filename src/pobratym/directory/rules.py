"""Permissions of the directory; views, templates and the API ask these names.

Members read the organisations; contacts are personal data, read by the offices (coordinators
and staff) of both sides. An organisation and its contacts are changed by the office of its
own city; a person's data is exported or erased by a coordinator of that city.
"""

import rules

from pobratym.partnerships.predicates import (
    is_coordinator,
    is_coordinator_or_staff,
    is_member,
    is_on_same_side,
)

from .predicates import is_not_anonymised, may_see_contacts

rules.add_perm("directory.view_organisation", is_member)
# On a partnership: may add one for their own city; on an organisation: may edit it.
rules.add_perm("directory.add_organisation", is_coordinator_or_staff)
rules.add_perm("directory.change_organisation", is_coordinator_or_staff & is_on_same_side)
# Translating changes no fact: the offices of both sides may.
rules.add_perm("directory.translate_organisation", is_coordinator_or_staff)
rules.add_perm("directory.view_contact", may_see_contacts)
rules.add_perm("directory.add_contact", is_coordinator_or_staff)
rules.add_perm(
    "directory.change_contact", is_coordinator_or_staff & is_on_same_side & is_not_anonymised
)
rules.add_perm("directory.export_contact", is_coordinator & is_on_same_side)
rules.add_perm("directory.erase_contact", is_coordinator & is_on_same_side & is_not_anonymised)
# On a partnership: the contacts past their retention date, for a coordinator's own city.
rules.add_perm("directory.review_retention", is_coordinator)
# On a partnership: a list of contacts imported (each at an organisation of the person's own
# city, checked row by row as `add_contact`), or the contacts exported, as those who see them.
rules.add_perm("directory.import_contacts", is_coordinator_or_staff)
rules.add_perm("directory.export_contacts", may_see_contacts)
# On a contact: merged with another of the same city, both corrected by the same office.
rules.add_perm(
    "directory.merge_contact", is_coordinator_or_staff & is_on_same_side & is_not_anonymised
)
