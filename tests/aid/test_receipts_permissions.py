"""Who may do what on the receipt pages: the receiving side's office records the note, adds
its scan and photos; either side's office resolves discrepancies; every member reads; people
outside the partnership get 404 and anonymous visitors the sign-in page."""

import io

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from PIL import Image

from pobratym.aid import services
from pobratym.aid.models import GoodsReceivedNote, ReceiptLine
from pobratym.partnerships.models import Role
from tests.aid.receipt_factories import receipt_make, shipment_in_transit
from tests.factories import member_create

pytestmark = pytest.mark.django_db

C, S, G, P, OBS = Role.COORDINATOR, Role.STAFF, Role.SIGNATORY, Role.PARTNER, Role.OBSERVER
EVERYONE = {(role, side) for role in (C, S, G, P, OBS) for side in (1, 2)}
RECEIVING_OFFICE = {(C, 2), (S, 2)}
EITHER_OFFICE = {(C, 1), (C, 2), (S, 1), (S, 2)}

# page: (method, who may (role, side), status for them, status for other members)
MATRIX = {
    "receipt_create": ("get", RECEIVING_OFFICE, 200, 403),
    "receipt_create_post": ("post", RECEIVING_OFFICE, 400, 403),
    "receipt_detail": ("get", EVERYONE, 200, None),
    "receipt_scan": ("get", EVERYONE, 200, None),
    "receipt_photo": ("get", EVERYONE, 200, None),
    "receipt_photo_add": ("post", RECEIVING_OFFICE, 400, 403),
    "receipt_scan_add": ("post", RECEIVING_OFFICE, 400, 403),
    "discrepancy_list": ("get", EVERYONE, 200, None),
    "discrepancy_resolve": ("post", EITHER_OFFICE, 400, 403),
}


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "blue").save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.fixture
def world(partnership):
    """One shipment received with a discrepancy, a scan and a photo; a second one in transit
    for recording (its note is refused with 400 only once the form is sent empty)."""
    donor = member_create(partnership, S, position=1).user
    receiver = member_create(partnership, C, position=2).user
    received = shipment_in_transit(partnership, donor, receiver, count=2)
    receipt = receipt_make(
        received,
        receiver,
        quantities=[60, 10],
        scan=SimpleUploadedFile("note.png", _png()),
    )
    photo = services.receipt_photo_add(
        receipt=receipt, by=receiver, upload=SimpleUploadedFile("a.png", _png())
    )
    waiting = shipment_in_transit(partnership, donor, receiver)
    slug = partnership.slug
    on_received = {"slug": slug, "shipment_id": received.pk}
    line = receipt.lines.order_by("pk").last()
    return {
        "partnership": partnership,
        "urls": {
            "receipt_create": reverse(
                "aid:receipt_create", kwargs={"slug": slug, "shipment_id": waiting.pk}
            ),
            "receipt_create_post": reverse(
                "aid:receipt_create", kwargs={"slug": slug, "shipment_id": waiting.pk}
            ),
            "receipt_detail": reverse("aid:receipt_detail", kwargs=on_received),
            "receipt_scan": reverse("aid:receipt_scan", kwargs=on_received),
            "receipt_photo": reverse(
                "aid:receipt_photo", kwargs={**on_received, "photo_id": photo.pk}
            ),
            "receipt_photo_add": reverse("aid:receipt_photo_add", kwargs=on_received),
            "receipt_scan_add": reverse("aid:receipt_scan_add", kwargs=on_received),
            "discrepancy_list": reverse("aid:discrepancy_list", kwargs={"slug": slug}),
            "discrepancy_resolve": reverse(
                "aid:discrepancy_resolve", kwargs={"slug": slug, "line_id": line.pk}
            ),
        },
    }


def _ask(client, method, address):
    # An empty POST: whoever may act gets the form back with its errors (400), so nothing
    # changes between the people asked.
    return client.get(address) if method == "get" else client.post(address, {})


@pytest.mark.parametrize("page", sorted(MATRIX))
def test_receipt_pages_permission_matrix(world, client_of, page):
    method, holders, allowed, refused = MATRIX[page]
    address = world["urls"][page]
    for role, side in sorted(EVERYONE):
        person = member_create(world["partnership"], role, position=side).user
        expected = allowed if (role, side) in holders else refused
        response = _ask(client_of(person), method, address)
        assert response.status_code == expected, (page, role, side)


@pytest.mark.parametrize("page", sorted(MATRIX))
def test_people_outside_the_partnership_find_nothing(world, client_of, outsider, page):
    method = MATRIX[page][0]
    address = world["urls"][page]
    assert _ask(client_of(outsider), method, address).status_code == 404
    anonymous = _ask(Client(), method, address)
    assert anonymous.status_code == 302
    assert "/accounts/login/" in anonymous["Location"]


def test_the_rules_agree_with_the_pages(world):
    receipt = GoodsReceivedNote.objects.get()
    line = ReceiptLine.objects.filter(receipt=receipt).order_by("pk").last()
    for role, side in sorted(EVERYONE):
        person = member_create(world["partnership"], role, position=side).user
        assert person.has_perm("aid.receive_shipment", receipt) is (
            (role, side) in RECEIVING_OFFICE
        )
        assert person.has_perm("aid.resolve_discrepancy", line) is ((role, side) in EITHER_OFFICE)
        assert person.has_perm("aid.view_shipment", receipt.shipment)
    assert not AnonymousUser().has_perm("aid.view_shipment", receipt.shipment)
