"""The receipt page and the list of open discrepancies ask the database the same number of
times however many lines, photos and notes there are."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from PIL import Image

from pobratym.aid import services
from tests.aid.receipt_factories import receipt_make, shipment_in_transit

pytestmark = pytest.mark.django_db


def _photo():
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "green").save(buffer, format="PNG")
    return SimpleUploadedFile("p.png", buffer.getvalue())


def _received(partnership, donor, receiver, lines: int, photos: int):
    """A shipment received with every line short and damaged, half of them resolved."""
    shipment = shipment_in_transit(partnership, donor, receiver, count=lines)
    receipt = receipt_make(shipment, receiver, quantities=[50] * lines, states=["damaged"] * lines)
    for line in receipt.lines.order_by("pk")[: lines // 2]:
        services.discrepancy_resolve(line=line, by=donor, resolution="Replaced")
    for number in range(photos):
        line = receipt.lines.order_by("pk")[number % lines]
        services.receipt_photo_add(receipt=receipt, by=receiver, upload=_photo(), line=line)
    return shipment


def _queries(client, address) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(address)
    assert response.status_code == 200
    return len(queries)


def test_the_receipt_page_asks_as_often_for_2_lines_as_for_12(
    partnership, donor, receiver, client_of
):
    small = _received(partnership, donor, receiver, lines=2, photos=1)
    large = _received(partnership, donor, receiver, lines=12, photos=6)
    client = client_of(receiver)

    def address(shipment):
        return reverse(
            "aid:receipt_detail", kwargs={"slug": partnership.slug, "shipment_id": shipment.pk}
        )

    client.get(address(small))  # the session and the language settle on the first request
    assert _queries(client, address(small)) == _queries(client, address(large))
    page = client.get(address(large)).content.decode()
    assert page.count("Replaced") == 6


def test_the_discrepancy_list_asks_as_often_for_1_note_as_for_5(
    partnership, donor, receiver, client_of, django_assert_max_num_queries
):
    _received(partnership, donor, receiver, lines=2, photos=0)
    client = client_of(donor)
    address = reverse("aid:discrepancy_list", kwargs={"slug": partnership.slug})
    client.get(address)
    few = _queries(client, address)
    for _note in range(4):
        _received(partnership, donor, receiver, lines=4, photos=1)
    with django_assert_max_num_queries(few):
        response = client.get(address)
    assert response.content.decode().count('name="resolution"') == 1 + 4 * 2
