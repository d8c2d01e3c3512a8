"""The aid exports stream: the members' HXL export is made and sent a chunk of needs at a
time, the XLSX exports (needs, offers, shipments, open discrepancies) read their records a chunk
at a time into a file on disk, so the memory they take does not grow with the number of rows
(issue 18). Timings are in bench/exports.py."""

import uuid
from decimal import Decimal

import pytest
from django.urls import reverse

from pobratym.aid import hxl
from pobratym.aid.models import GoodsReceivedNote, Need, NeedLine, ReceiptLine, ShipmentLine
from pobratym.core import chunks
from tests.aid.factories import need_post, offer_make
from tests.aid.receipt_factories import receipt_make, shipment_in_transit
from tests.aid.shipment_factories import shipment_loaded
from tests.streaming import copies, grows_little, read_with_peak, xlsx_rows

pytestmark = pytest.mark.django_db

LINES_EACH = 5


def _more_needs(template: Need, count: int) -> None:
    """`count` copies of `template`, each with `LINES_EACH` lines, written in bulk."""
    fields = {
        field.attname: getattr(template, field.attname)
        for field in Need._meta.concrete_fields
        if not field.primary_key
    }
    needs = Need.objects.bulk_create(
        Need(**{**fields, "title": f"Generators {number}", "idempotency_key": uuid.uuid4()})
        for number in range(count)
    )
    NeedLine.objects.bulk_create(
        NeedLine(
            need=need,
            item=f"Generator {number}",
            item_key=f"generator {number}",
            specification="5 kW, diesel",
            quantity=Decimal(number + 1),
            unit="piece",
        )
        for need in needs
        for number in range(LINES_EACH)
    )


def _peak(client, url: str) -> tuple[int, int]:
    """(lines read, the peak of Python's allocations while the export is made and read a
    piece at a time, as a server sends it)."""
    body, peak = read_with_peak(client, url)
    return body.read().count(b"\n"), peak


def test_the_members_hxl_export_takes_no_more_memory_for_five_times_the_lines(
    partnership, receiver, client_of, monkeypatch
):
    monkeypatch.setattr(hxl, "CHUNK", 50)  # several chunks from a few hundred needs
    template = need_post(partnership, receiver, address="vul. Bench 1")
    client = client_of(receiver)
    url = reverse("aid:need_hxl", args=[partnership.slug])
    _more_needs(template, 199)
    client.get(url)  # what a process reads once (content types, translated labels)
    lines, few = _peak(client, url)
    assert lines == 2 + 1 + 199 * LINES_EACH
    _more_needs(template, 800)
    lines, many = _peak(client, url)
    assert lines == 2 + 1 + 999 * LINES_EACH
    # Writing every line at once took about 3.5 KB a line: 14 MB more for 4,000 more lines.
    assert grows_little(few, many), (few, many)


def _sheet_peak(client, url: str) -> tuple[int, int]:
    """(rows of the workbook below its header, the peak while it is made and read)."""
    body, peak = read_with_peak(client, url)
    return xlsx_rows(body), peak


def _url(name, partnership) -> str:
    return reverse(f"aid:{name}", args=[partnership.slug])


@pytest.fixture
def small_chunks(monkeypatch):
    """Several chunks from a few thousand rows."""
    monkeypatch.setattr(chunks, "CHUNK", 100)


def test_the_needs_xlsx_export_takes_no_more_memory_for_five_times_the_lines(
    partnership, receiver, client_of, small_chunks, monkeypatch
):
    from pobratym.aid.spreadsheets import needs as need_sheets

    monkeypatch.setattr(need_sheets, "CHUNK", 50)
    template = need_post(partnership, receiver, address="vul. Bench 1")
    client = client_of(receiver)
    url = _url("need_export", partnership)
    _more_needs(template, 199)
    client.get(url)
    rows, few = _sheet_peak(client, url)
    assert rows == 1 + 199 * LINES_EACH
    _more_needs(template, 800)
    rows, many = _sheet_peak(client, url)
    assert rows == 1 + 999 * LINES_EACH
    # The finished file in memory took about 200 bytes a line, written three times over.
    assert grows_little(few, many), (few, many)


def test_the_offers_export_takes_no_more_memory_for_five_times_the_offers(
    partnership, receiver, donor, client_of, small_chunks
):
    offer = offer_make(
        partnership, donor, lines=[{"item": "Generator", "quantity": 2, "unit": "piece"}]
    )
    line = offer.lines.get()
    client = client_of(receiver)
    url = _url("offer_export", partnership)

    def more(count):
        made = copies(offer, count)
        copies(line, count, offer_id=[copy.pk for copy in made])

    more(999)
    client.get(url)
    rows, few = _sheet_peak(client, url)
    assert rows == 1000
    more(4000)
    rows, many = _sheet_peak(client, url)
    assert rows == 5000
    # Holding every offer with its lines took about 4 KB an offer.
    assert grows_little(few, many), (few, many)


def test_the_shipments_export_takes_no_more_memory_for_five_times_the_shipments(
    partnership, receiver, team, client_of, small_chunks
):
    shipment = shipment_loaded(partnership, team, pledges=1, packages=1)
    client = client_of(receiver)
    url = _url("shipment_export", partnership)
    copies(shipment, 999, reference=lambda number: f"A-{number}")
    client.get(url)
    rows, few = _sheet_peak(client, url)
    assert rows == 1000
    copies(shipment, 4000, reference=lambda number: f"B-{number}")
    rows, many = _sheet_peak(client, url)
    assert rows == 5000
    assert grows_little(few, many), (few, many)


def test_the_discrepancies_export_takes_no_more_memory_for_five_times_the_lines(
    partnership, receiver, donor, client_of, small_chunks
):
    shipment = shipment_in_transit(partnership, donor, receiver)
    receipt = receipt_make(shipment, receiver, states=["damaged"])
    line = ReceiptLine.objects.get(receipt=receipt)
    shipment_line = ShipmentLine.objects.get(pk=line.shipment_line_id)
    client = client_of(receiver)
    url = _url("discrepancy_export", partnership)

    def more(count, prefix):
        """`count` more shipments like the first, each received with its line damaged."""
        shipments = copies(shipment, count, reference=lambda number: f"{prefix}-{number}")
        lines = copies(shipment_line, count, shipment_id=[made.pk for made in shipments])
        notes = copies(
            GoodsReceivedNote.objects.get(pk=receipt.pk),
            count,
            shipment_id=[made.pk for made in shipments],
        )
        copies(
            line,
            count,
            receipt_id=[made.pk for made in notes],
            shipment_line_id=[made.pk for made in lines],
        )

    more(999, "A")
    client.get(url)
    rows, few = _sheet_peak(client, url)
    assert rows == 1000
    more(4000, "B")
    rows, many = _sheet_peak(client, url)
    assert rows == 5000
    assert grows_little(few, many), (few, many)
