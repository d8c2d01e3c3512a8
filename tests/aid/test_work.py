"""My work in aid: each item reaches exactly the people who may act on it (the same rules as
the pages: `aid.decide_offer`, `aid.confirm_pledge`, `aid.receive_shipment`,
`aid.resolve_discrepancy`, the posting side's offices for deadlines)."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from pobratym.aid import services
from pobratym.partnerships.models import Role
from tests.access import who
from tests.aid.factories import need_post, offer_make
from tests.aid.receipt_factories import receipt_make, shipment_in_transit
from tests.work import items_of, work_check

pytestmark = pytest.mark.django_db

C, S = Role.COORDINATOR, Role.STAFF


def test_a_free_offer_awaits_the_coordinator_of_the_other_side(partnership, cast, offer):
    url = reverse("aid:offer_detail", args=[partnership.slug, offer.pk])

    work_check(cast, "Decide on the offer", who(C, sides=[2]), url=url)


def test_an_offer_for_a_need_awaits_its_pledge_from_the_needs_coordinator(
    partnership, cast, need, donor
):
    offer = offer_make(partnership, donor, need=need)
    url = reverse("aid:offer_detail", args=[partnership.slug, offer.pk])

    work_check(cast, "Confirm the pledge", who(C, sides=[2]), url=url)


def test_a_decided_offer_or_one_for_a_cancelled_need_awaits_nobody(
    partnership, cast, need, offer, donor, receiver
):
    services.offer_decline(offer=offer, by=receiver)
    offer_make(partnership, donor, need=need)
    services.need_cancel(need=need, by=receiver)

    work_check(cast, "Decide on the offer", frozenset())
    work_check(cast, "Confirm the pledge", frozenset())


def test_a_shipment_in_transit_awaits_the_receiving_offices(partnership, cast, donor, receiver):
    shipment = shipment_in_transit(partnership, donor, receiver)
    url = reverse("aid:receipt_create", args=[partnership.slug, shipment.pk])

    work_check(cast, "Write the goods received note", who(C, S, sides=[2]), url=url)
    receipt_make(shipment, receiver)
    work_check(cast, "Write the goods received note", frozenset())


def test_an_open_discrepancy_awaits_the_offices_of_both_sides(partnership, cast, donor, receiver):
    shipment = shipment_in_transit(partnership, donor, receiver)
    receipt = receipt_make(shipment, receiver, states=["damaged"])
    line = receipt.lines.get()
    url = reverse("aid:discrepancy_resolve", args=[partnership.slug, line.pk])

    work_check(cast, "Resolve the discrepancy", who(C, S), url=url)
    services.discrepancy_resolve(line=line, by=donor, resolution="Replaced.")
    work_check(cast, "Resolve the discrepancy", frozenset())


def test_a_need_due_soon_and_not_covered_awaits_the_offices_of_its_side(
    partnership, cast, receiver
):
    today = timezone.localdate()
    soon = need_post(partnership, receiver, title="Soon", needed_by=today + timedelta(days=3))
    need_post(partnership, receiver, title="Later", needed_by=today + timedelta(days=60))
    url = reverse("aid:need_detail", args=[partnership.slug, soon.pk])

    work_check(cast, "Needed soon, not yet covered", who(C, S, sides=[2]), url=url)
    item = items_of(receiver, "Needed soon, not yet covered")[0]
    assert (item.title, item.due) == ("Soon", today + timedelta(days=3))
