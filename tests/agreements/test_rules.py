"""The permission grid of agreements and letters: every permission for every role on either
side, for people of another partnership and for anonymous visitors, asked of the rules.

The records: an agreement in force, its first version, an amendment proposed by side 1, and a
letter registered by side 1's office.
"""

import pytest

from pobratym.agreements.services import amendments
from tests.access import EVERYONE, C, Cast, G, S, permissions_of, rules_check, who
from tests.agreements.factories import agreement_in_force
from tests.agreements.letter_factories import letter_register

pytestmark = pytest.mark.django_db

LEADS = (C, G)  # coordinators and signatories speak for their side on amendments

# permission: (the record it is asked on, who holds it)
RULES = {
    "agreements.view_agreement": ("agreement", EVERYONE),
    "agreements.add_agreement": ("partnership", who(C)),
    "agreements.change_agreement": ("agreement", who(C)),
    "agreements.propose_version": ("version", who(*LEADS)),
    "agreements.sign_agreement": ("agreement", who(G)),
    "agreements.terminate_agreement": ("agreement", who(G)),
    "agreements.propose_amendment": ("agreement", who(*LEADS)),
    "agreements.approve_amendment": ("amendment", who(G)),
    "agreements.reject_amendment": ("amendment", who(*LEADS, sides=[2])),
    "agreements.withdraw_amendment": ("amendment", who(*LEADS, sides=[1])),
    # Translating changes no original: coordinators of both sides translate an agreement.
    "agreements.translate_agreement": ("agreement", who(C)),
    # The register of letters: the offices read it, coordinators and staff register, and only
    # the letter's own office corrects it.
    "agreements.view_letter": ("letter", who(C, S, G)),
    "agreements.register_letter": ("partnership", who(C, S)),
    "agreements.change_letter": ("letter", who(C, S, sides=[1])),
    "agreements.translate_letter": ("letter", who(C, S)),
}


def test_the_table_covers_every_registered_permission():
    assert permissions_of("agreements") == set(RULES)


def test_every_permission_for_every_role_and_side(partnership):
    cast = Cast(partnership)
    team = {f"{role}{side}": cast[(role, side)] for role in LEADS for side in (1, 2)}
    agreement = agreement_in_force(partnership, team)
    records = {
        "partnership": partnership,
        "agreement": agreement,
        "version": agreement.versions.get(),
        "amendment": amendments.amendment_propose(
            agreement=agreement, by=team["coordinator1"], texts={"de": ("Änderung", "Text.")}
        ),
        "letter": letter_register(partnership, team["coordinator1"]),
    }

    rules_check(cast, RULES, records)
