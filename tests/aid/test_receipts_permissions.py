"""Who may do what on the receipt pages, over HTTP, for a few representative people per page
(the full grid is in test_rules.py): the receiving side's office records the note, adds its
scan and photos; either side's office resolves discrepancies; every member reads; people
outside the partnership get 404 and anonymous visitors the sign-in page."""

import pytest
from django.urls import reverse

from pobratym.aid import services
from tests.access import Page, http_check
from tests.aid.receipt_factories import receipt_make, shipment_in_transit
from tests.aid.test_rules import RULES, png

pytestmark = pytest.mark.django_db

READERS = RULES["aid.view_shipment"][1]
RECEIVING_OFFICE = RULES["aid.receive_shipment"][1]
EITHER_OFFICE = RULES["aid.resolve_discrepancy"][1]


@pytest.fixture
def addresses(partnership, donor, receiver):
    """One shipment received with a discrepancy, a scan and a photo; a second one in transit
    for recording. The addresses of its pages, by name."""
    received = shipment_in_transit(partnership, donor, receiver, count=2)
    receipt = receipt_make(received, receiver, quantities=[60, 10], scan=png())
    photo = services.receipt_photo_add(receipt=receipt, by=receiver, upload=png("green"))
    waiting = shipment_in_transit(partnership, donor, receiver)
    slug = partnership.slug
    on_received = {"slug": slug, "shipment_id": received.pk}
    line = receipt.lines.order_by("pk").last()
    return {
        "receipt_create": reverse(
            "aid:receipt_create", kwargs={"slug": slug, "shipment_id": waiting.pk}
        ),
        "receipt_detail": reverse("aid:receipt_detail", kwargs=on_received),
        "receipt_scan": reverse("aid:receipt_scan", kwargs=on_received),
        "receipt_photo": reverse("aid:receipt_photo", kwargs={**on_received, "photo_id": photo.pk}),
        "receipt_photo_add": reverse("aid:receipt_photo_add", kwargs=on_received),
        "receipt_scan_add": reverse("aid:receipt_scan_add", kwargs=on_received),
        "discrepancy_list": reverse("aid:discrepancy_list", kwargs={"slug": slug}),
        "discrepancy_resolve": reverse(
            "aid:discrepancy_resolve", kwargs={"slug": slug, "line_id": line.pk}
        ),
    }


def _page(name, holders, address=None, **options):
    return Page(name, lambda urls: urls[address or name], holders, **options)


# An empty POST: whoever may act gets the form back with its errors (400), so nothing changes
# between the people asked.
PAGES = [
    _page("receipt_create", RECEIVING_OFFICE),
    _page("receipt_create (post)", RECEIVING_OFFICE, "receipt_create", method="post", success=400),
    _page("receipt_detail", READERS),
    _page("receipt_scan", READERS),
    _page("receipt_photo", READERS),
    _page("receipt_photo_add", RECEIVING_OFFICE, method="post", success=400),
    _page("receipt_scan_add", RECEIVING_OFFICE, method="post", success=400),
    _page("discrepancy_list", READERS),
    _page("discrepancy_resolve", EITHER_OFFICE, method="post", success=400),
]


@pytest.mark.parametrize("page", PAGES, ids=str)
def test_receipt_page_answers_by_role_and_side(addresses, cast, page):
    http_check(page, addresses, cast)
