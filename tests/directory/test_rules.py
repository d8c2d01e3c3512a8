"""The permission grid of the directory: every permission for every role on either side, for
people of another partnership and for anonymous visitors, asked of the rules. The organisation
and its contact are of side 1."""

import pytest

from pobratym.directory import services
from tests.access import EVERYONE, C, S, permissions_of, rules_check, who

pytestmark = pytest.mark.django_db

OFFICE = who(C, S)

# permission: (the record it is asked on, who holds it)
RULES = {
    "directory.view_organisation": ("partnership", EVERYONE),
    "directory.add_organisation": ("partnership", OFFICE),
    "directory.change_organisation": ("organisation", who(C, S, sides=[1])),
    "directory.translate_organisation": ("organisation", OFFICE),
    "directory.view_contact": ("contact", OFFICE),
    "directory.add_contact": ("partnership", OFFICE),
    "directory.change_contact": ("contact", who(C, S, sides=[1])),
    "directory.export_contact": ("contact", who(C, sides=[1])),
    "directory.erase_contact": ("contact", who(C, sides=[1])),
    "directory.review_retention": ("partnership", who(C)),
    "directory.import_contacts": ("partnership", OFFICE),
    "directory.export_contacts": ("partnership", OFFICE),
    "directory.merge_contact": ("contact", who(C, S, sides=[1])),
}


def test_the_table_covers_every_registered_permission():
    assert permissions_of("directory") == set(RULES)


def test_every_permission_for_every_role_and_side(partnership, cast, organisation, contact):
    records = {"partnership": partnership, "organisation": organisation, "contact": contact}
    rules_check(cast, RULES, records)


def test_an_anonymised_contact_can_no_longer_be_changed_or_erased(contact, coordinator1):
    contact = services.contact_erase(contact=contact, by=coordinator1)
    assert coordinator1.has_perm("directory.view_contact", contact)
    assert coordinator1.has_perm("directory.export_contact", contact)
    assert not coordinator1.has_perm("directory.change_contact", contact)
    assert not coordinator1.has_perm("directory.erase_contact", contact)
    assert not coordinator1.has_perm("directory.merge_contact", contact)
