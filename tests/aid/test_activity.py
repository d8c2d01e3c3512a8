"""Recent activity of aid: needs, pledges and shipments, seen by every member, with titles
only (no exact address, whoever reads)."""

import pytest
from django.urls import reverse

from tests.access import EVERYONE
from tests.activity import activity_check, events_of
from tests.aid.page_factories import ADDRESS
from tests.aid.receipt_factories import receipt_make, shipment_in_transit

pytestmark = pytest.mark.django_db


def test_every_member_sees_a_need_posted_without_its_address(partnership, cast, need, client_of):
    url = reverse("aid:need_detail", args=[partnership.slug, need.pk])

    activity_check(cast, "Need posted", EVERYONE, url=url)
    observer = cast[("observer", 1)]
    page = client_of(observer).get(reverse("partnerships:dashboard", args=[partnership.slug]))
    assert url in page.content.decode()
    assert ADDRESS not in page.content.decode()


def test_every_member_sees_pledges_shipments_and_receipts(partnership, cast, donor, receiver):
    shipment = shipment_in_transit(partnership, donor, receiver)
    receipt_make(shipment, receiver)

    activity_check(cast, "Pledge confirmed", EVERYONE)
    activity_check(
        cast,
        "Shipment dispatched",
        EVERYONE,
        url=reverse("aid:shipment_detail", args=[partnership.slug, shipment.pk]),
    )
    activity_check(
        cast,
        "Goods received",
        EVERYONE,
        url=reverse("aid:receipt_detail", args=[partnership.slug, shipment.pk]),
    )


def test_a_member_of_another_partnership_sees_nothing_of_it(partnership, cast, need):
    assert events_of(cast.outsider(), partnership, "Need posted") == []
