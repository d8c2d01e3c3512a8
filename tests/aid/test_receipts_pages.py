"""The goods received note pages: the receiving side's office records what arrived in one
form, sees surplus, missing and damaged lines until they are resolved, adds the signed note
and photos (without their location data), and traces every item back to its donor."""

import io
import uuid
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import ExifTags, Image
from pypdf import PdfWriter

from pobratym.aid import services
from pobratym.aid.models import GoodsReceivedNote, ReceiptLine, ReceiptPhoto
from tests.aid.receipt_factories import receipt_make, shipment_in_transit

pytestmark = pytest.mark.django_db


def _pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=72, height=72)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


PDF = _pdf()


@pytest.fixture
def shipment(partnership, donor, receiver):
    return shipment_in_transit(partnership, donor, receiver, count=2, reference="CMR-4711")


def url(name, shipment, **kwargs):
    return reverse(
        f"aid:{name}", kwargs={"slug": "alpha-beta", "shipment_id": shipment.pk, **kwargs}
    )


def form(shipment, quantities=None, states=None, **fields):
    lines = list(shipment.lines.order_by("pk"))
    quantities = quantities or [str(line.quantity) for line in lines]
    states = states or ["intact"] * len(lines)
    data = {
        "number": "ПН-17",
        "received_on": timezone.localdate().isoformat(),
        "received_by": "Олена Коваленко, комірник",
        "note": "",
        **fields,
    }
    for line, quantity, state in zip(lines, quantities, states, strict=True):
        data[f"line-{line.pk}-quantity"] = quantity
        data[f"line-{line.pk}-state"] = state
        data[f"line-{line.pk}-remark"] = ""
    return data


def jpeg_with_gps() -> bytes:
    image = Image.new("RGB", (40, 30), "orange")
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "Phone"
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (50.0, 15.0, 30.0)
    gps[ExifTags.GPS.GPSLongitudeRef] = "E"
    gps[ExifTags.GPS.GPSLongitude] = (28.0, 39.0, 30.0)
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", exif=exif)
    return buffer.getvalue()


def upload(name, data):
    return SimpleUploadedFile(name, data)


def test_the_form_offers_every_line_prefilled_with_what_was_shipped(client_of, receiver, shipment):
    response = client_of(receiver).get(url("receipt_create", shipment))
    assert response.status_code == 200
    page = response.content.decode()
    for line in shipment.lines.all():
        assert f'name="line-{line.pk}-quantity" value="60"' in page
    assert "Klinikum Dortmund" in page


def test_surplus_missing_and_damaged_lines_are_recorded_and_shown(client_of, receiver, shipment):
    client = client_of(receiver)
    response = client.post(
        url("receipt_create", shipment),
        form(shipment, quantities=["70", "55.5"], states=["intact", "damaged"]),
    )
    assert response.status_code == 302
    assert response["Location"] == url("receipt_detail", shipment)
    receipt = GoodsReceivedNote.objects.get(shipment=shipment)
    assert [line.quantity for line in receipt.lines.order_by("pk")] == [
        Decimal(70),
        Decimal("55.5"),
    ]
    page = client.get(url("receipt_detail", shipment)).content.decode()
    assert "surplus" in page
    assert "missing" in page
    assert "damaged" in page
    assert "ПН-17" in page


def test_sending_the_form_twice_points_to_the_recorded_note(client_of, receiver, shipment):
    client = client_of(receiver)
    assert client.post(url("receipt_create", shipment), form(shipment)).status_code == 302
    again = client.post(url("receipt_create", shipment), form(shipment, number="ПН-18"))
    assert again.status_code == 409
    page = again.content.decode()
    assert "already recorded" in page
    assert f'href="{url("receipt_detail", shipment)}"' in page
    assert GoodsReceivedNote.objects.get().number == "ПН-17"
    assert client.get(url("receipt_create", shipment)).status_code == 302


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"quantity": "-1"}, "greater than or equal to 0"),
        ({"quantity": "viele"}, "Enter a number"),
        ({"number": ""}, "This field is required"),
        ({"received_on": "2999-01-01"}, "cannot be in the future"),
        ({"received_on": "gestern"}, "Enter a valid date"),
        ({"state": "stolen"}, "Select a valid choice"),
    ],
)
def test_bad_input_is_refused_with_a_message_and_nothing_saved(
    client_of, receiver, shipment, change, message
):
    data = form(shipment)
    first = shipment.lines.order_by("pk")[0]
    for key, value in change.items():
        data[f"line-{first.pk}-{key}" if key in ("quantity", "state") else key] = value
    response = client_of(receiver).post(url("receipt_create", shipment), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not GoodsReceivedNote.objects.exists()
    assert not ReceiptLine.objects.exists()


def test_messages_are_in_the_persons_language(client_of, receiver, shipment):
    client = client_of(receiver)
    address = url("receipt_create", shipment).replace("/en/", "/de/")
    data = form(shipment)
    data["number"] = ""
    response = client.post(address, data)
    assert response.status_code == 400
    assert "Dieses Feld ist zwingend erforderlich." in response.content.decode()


def test_a_shipment_still_loading_cannot_be_received(client_of, partnership, donor, receiver):
    planned = services.shipment_create(
        partnership=partnership, by=donor, idempotency_key=uuid.uuid4()
    )
    response = client_of(receiver).post(url("receipt_create", planned), form(planned, number="1"))
    assert response.status_code == 400
    assert "has not left yet" in response.content.decode()


def test_the_signed_note_is_sent_only_through_the_permission_check(
    client_of, receiver, donor, outsider, shipment
):
    client = client_of(receiver)
    data = form(shipment)
    data["scan"] = upload("note.pdf", PDF)
    assert client.post(url("receipt_create", shipment), data).status_code == 302
    download = client_of(donor).get(url("receipt_scan", shipment))
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF-")
    assert download["Cache-Control"] == "private, no-store"
    assert client_of(outsider).get(url("receipt_scan", shipment)).status_code == 404


def test_the_scan_can_come_later_and_a_wrong_file_is_refused(client_of, receiver, shipment):
    receipt_make(shipment, receiver)
    client = client_of(receiver)
    assert client.get(url("receipt_scan", shipment)).status_code == 404
    refused = client.post(url("receipt_scan_add", shipment), {"scan": upload("x.pdf", b"junk")})
    assert refused.status_code == 400
    assert "Only PDF, PNG and JPEG" in refused.content.decode()
    added = client.post(url("receipt_scan_add", shipment), {"scan": upload("note.pdf", PDF)})
    assert added.status_code == 302
    assert client.get(url("receipt_scan", shipment)).status_code == 200


def test_a_photo_loses_its_gps_data_and_is_shown_through_the_permission_check(
    client_of, receiver, donor, outsider, shipment
):
    original = jpeg_with_gps()
    assert Image.open(io.BytesIO(original)).getexif().get_ifd(ExifTags.IFD.GPSInfo)
    receipt = receipt_make(shipment, receiver, quantities=[60, 0])
    line = receipt.lines.order_by("pk").last()
    client = client_of(receiver)
    response = client.post(
        url("receipt_photo_add", shipment),
        {"photo": upload("IMG_1.jpg", original), "line": line.pk},
    )
    assert response.status_code == 302
    photo = ReceiptPhoto.objects.get()
    assert photo.line == line

    served = client_of(donor).get(url("receipt_photo", shipment, photo_id=photo.pk))
    assert served.status_code == 200
    data = b"".join(served.streaming_content)
    stored = Image.open(io.BytesIO(data))
    assert stored.format == "JPEG"
    assert not stored.getexif().get_ifd(ExifTags.IFD.GPSInfo)
    assert b"Exif" not in data
    assert (
        client_of(outsider).get(url("receipt_photo", shipment, photo_id=photo.pk)).status_code
        == 404
    )
    page = client.get(url("receipt_detail", shipment)).content.decode()
    assert url("receipt_photo", shipment, photo_id=photo.pk) in page


def test_the_signed_note_is_a_download_and_a_photo_is_shown_in_the_page(
    client_of, receiver, donor, shipment
):
    receipt = receipt_make(shipment, receiver)
    services.receipt_scan_set(receipt=receipt, by=receiver, upload=upload("note.pdf", PDF))
    photo = services.receipt_photo_add(
        receipt=receipt, by=receiver, upload=upload("IMG_1.jpg", jpeg_with_gps())
    )

    scan = client_of(donor).get(url("receipt_scan", shipment))
    shown = client_of(donor).get(url("receipt_photo", shipment, photo_id=photo.pk))

    assert scan["Content-Type"] == "application/pdf"
    assert scan["Content-Disposition"].startswith("attachment; filename=")
    assert shown["Content-Type"] == "image/jpeg"
    assert shown["Content-Disposition"].startswith("inline; filename=")
    for response in (scan, shown):
        assert response["X-Content-Type-Options"] == "nosniff"


def test_only_images_are_taken_as_photos(client_of, receiver, shipment):
    receipt_make(shipment, receiver)
    response = client_of(receiver).post(
        url("receipt_photo_add", shipment), {"photo": upload("note.pdf", PDF)}
    )
    assert response.status_code == 400
    assert not ReceiptPhoto.objects.exists()


def test_every_line_traces_back_to_its_donor_offer_pledge_and_need(
    client_of, donor, receiver, shipment
):
    receipt_make(shipment, receiver)
    page = client_of(donor).get(url("receipt_detail", shipment)).content.decode()
    line = shipment.lines.order_by("pk").first()
    assert "Klinikum Dortmund" in page
    assert f"Offer {line.pledge.offer_line.offer_id}" in page
    assert line.pledge.need_line.need.title in page
    assert line.pledge.need_line.item in page
    assert "Velyka Berdychivska" not in page, "the exact address stays on the need's page"
    offer = line.pledge.offer_line.offer_id
    need = line.pledge.need_line.need_id
    assert reverse("aid:offer_detail", args=["alpha-beta", offer]) in page
    assert reverse("aid:need_detail", args=["alpha-beta", need]) in page


def test_either_sides_office_resolves_a_discrepancy_and_it_leaves_the_list(
    client_of, donor, receiver, shipment
):
    receipt = receipt_make(shipment, receiver, quantities=[60, 40])
    short = receipt.lines.order_by("pk").last()
    client = client_of(donor)
    listing = client.get(reverse("aid:discrepancy_list", kwargs={"slug": "alpha-beta"}))
    assert listing.status_code == 200
    assert listing.content.decode().count('name="resolution"') == 1
    address = reverse("aid:discrepancy_resolve", kwargs={"slug": "alpha-beta", "line_id": short.pk})
    empty = client.post(address, {"resolution": "  ", "back": "list"})
    assert empty.status_code == 400
    done = client.post(address, {"resolution": "Sent with the next truck", "back": "list"})
    assert done.status_code == 302
    assert done["Location"] == reverse("aid:discrepancy_list", kwargs={"slug": "alpha-beta"})
    short.refresh_from_db()
    assert short.resolved_by == donor
    assert short.resolution == "Sent with the next truck"
    listing = client.get(reverse("aid:discrepancy_list", kwargs={"slug": "alpha-beta"}))
    assert "No open discrepancies." in listing.content.decode()
    page = client.get(url("receipt_detail", shipment)).content.decode()
    assert "Sent with the next truck" in page
    assert "resolved" in page
    again = client.post(address, {"resolution": "once more"})
    assert again.status_code == 409
    assert "already resolved" in again.content.decode()


def test_a_line_that_arrived_as_shipped_cannot_be_resolved(client_of, receiver, shipment):
    receipt = receipt_make(shipment, receiver)
    line = receipt.lines.first()
    address = reverse("aid:discrepancy_resolve", kwargs={"slug": "alpha-beta", "line_id": line.pk})
    response = client_of(receiver).post(address, {"resolution": "nothing"})
    assert response.status_code == 400
    assert "arrived as shipped" in response.content.decode()


def test_a_photo_is_found_only_under_its_own_note(
    client_of, partnership, donor, receiver, shipment
):
    receipt_make(shipment, receiver)
    other = shipment_in_transit(partnership, donor, receiver)
    photo = services.receipt_photo_add(
        receipt=receipt_make(other, receiver), by=receiver, upload=upload("a.jpg", jpeg_with_gps())
    )
    client = client_of(receiver)
    assert client.get(url("receipt_photo", other, photo_id=photo.pk)).status_code == 200
    assert client.get(url("receipt_photo", shipment, photo_id=photo.pk)).status_code == 404


def test_quantities_are_taken_as_the_office_writes_them(client_of, receiver, shipment):
    address = url("receipt_create", shipment).replace("/en/", "/uk/")
    response = client_of(receiver).post(address, form(shipment, quantities=["55,5", "60"]))
    assert response.status_code == 302
    quantities = ReceiptLine.objects.order_by("pk").values_list("quantity", flat=True)
    assert list(quantities) == [Decimal("55.5"), Decimal(60)]


def _next_step(page: str) -> str:
    return page.split('class="next-step"', 1)[1].split("</section>", 1)[0]


def test_the_next_step_is_to_resolve_the_open_discrepancy_then_back_to_the_shipment(
    client_of, donor, receiver, shipment
):
    receipt = receipt_make(shipment, receiver, quantities=[60, 40])
    short = receipt.lines.order_by("pk").last()
    resolve = reverse("aid:discrepancy_resolve", kwargs={"slug": "alpha-beta", "line_id": short.pk})
    client = client_of(donor)

    step = _next_step(client.get(url("receipt_detail", shipment)).content.decode())
    assert "1 discrepancy is still open." in step
    assert f'href="{resolve}"' in step

    client.post(resolve, {"resolution": "Sent with the next truck"})
    step = _next_step(client.get(url("receipt_detail", shipment)).content.decode())
    assert "Nothing is left to do." in step
    assert url("shipment_detail", shipment) in step
