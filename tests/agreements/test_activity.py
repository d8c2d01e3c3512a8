"""Recent activity of agreements and letters: every member sees the agreement's steps; only
the offices see letters registered."""

import pytest
from django.urls import reverse

from pobratym.agreements.services import agreements as services
from pobratym.partnerships.models import Role
from tests.access import EVERYONE, Cast, who
from tests.activity import activity_check
from tests.agreements.factories import agreement_draft, sign
from tests.agreements.letter_factories import letter_register

pytestmark = pytest.mark.django_db


@pytest.fixture
def cast(partnership):
    return Cast(partnership)


def test_every_member_sees_a_proposal_and_a_signature(cast):
    agreement = agreement_draft(cast.partnership, cast[(Role.COORDINATOR, 1)])
    version = services.version_propose(
        version=agreement.versions.get(), by=cast[(Role.COORDINATOR, 1)]
    )
    sign(agreement, cast[(Role.SIGNATORY, 2)], version.fingerprint)
    url = reverse("agreements:detail", args=[cast.partnership.slug, agreement.pk])
    city = cast.partnership.sides.get(position=2).city

    activity_check(cast, "Proposed for signature", EVERYONE, url=url)
    activity_check(cast, f"Signed for {city}", EVERYONE, url=url)


def test_only_the_offices_see_a_letter_registered(cast):
    letter = letter_register(cast.partnership, cast[(Role.STAFF, 1)])
    url = reverse("agreements:letter_detail", args=[cast.partnership.slug, letter.pk])

    activity_check(
        cast, "Letter registered", who(Role.COORDINATOR, Role.STAFF, Role.SIGNATORY), url=url
    )
