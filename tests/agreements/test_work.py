"""My work of signatories: agreements to sign and amendments to approve, for their own side,
until their side has done it."""

import pytest
from django.urls import reverse

from pobratym.agreements.services import agreements as services
from pobratym.agreements.services import amendments
from pobratym.partnerships.models import Role
from tests.access import Cast, who
from tests.agreements.factories import TEXTS, agreement_draft, approve_here, sign
from tests.work import work_check

pytestmark = pytest.mark.django_db

SIGN = "Sign the agreement"
APPROVE = "Approve the amendment"


@pytest.fixture
def cast(partnership):
    return Cast(partnership)


def _proposed(cast):
    agreement = agreement_draft(cast.partnership, cast[(Role.COORDINATOR, 1)])
    version = services.version_propose(
        version=agreement.versions.get(), by=cast[(Role.COORDINATOR, 1)]
    )
    return agreement, version


def test_a_proposed_agreement_awaits_the_signatories_of_both_sides(cast):
    agreement, _version = _proposed(cast)
    url = reverse("agreements:sign", args=[cast.partnership.slug, agreement.pk])

    work_check(cast, SIGN, who(Role.SIGNATORY), url=url)


def test_once_one_side_signed_only_the_other_side_is_asked(cast):
    agreement, version = _proposed(cast)
    sign(agreement, cast[(Role.SIGNATORY, 1)], version.fingerprint)

    work_check(cast, SIGN, who(Role.SIGNATORY, sides=[2]))


def test_a_draft_or_an_agreement_in_force_awaits_no_signature(cast):
    agreement_draft(cast.partnership, cast[(Role.COORDINATOR, 1)], title="Draft only")
    agreement, version = _proposed(cast)
    for side in (1, 2):
        sign(agreement, cast[(Role.SIGNATORY, side)], version.fingerprint)

    work_check(cast, SIGN, frozenset())


def test_a_proposed_amendment_awaits_each_side_until_it_approved(cast):
    agreement, version = _proposed(cast)
    for side in (1, 2):
        sign(agreement, cast[(Role.SIGNATORY, side)], version.fingerprint)
    amendment = amendments.amendment_propose(
        agreement=agreement, by=cast[(Role.COORDINATOR, 1)], texts=TEXTS
    )
    url = reverse(
        "agreements:amendment", args=[cast.partnership.slug, agreement.pk, amendment.number]
    )

    work_check(cast, APPROVE, who(Role.SIGNATORY), url=url)
    approve_here(amendment, cast[(Role.SIGNATORY, 1)])
    work_check(cast, APPROVE, who(Role.SIGNATORY, sides=[2]))
