"""Packing lists as spreadsheets over HTTP: the template, and an import into a shipment still
being loaded that adds every package and loads every row, or nothing."""

import uuid
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from pobratym.aid import services
from pobratym.aid.models import Package, ShipmentLine
from pobratym.partnerships.models import Role
from tests.aid.factories import need_post, offer_make
from tests.aid.spreadsheet_factories import template_filled, template_headers, upload
from tests.aid.spreadsheet_factories import workbook_bytes as _workbook
from tests.factories import member_create

pytestmark = pytest.mark.django_db

HEADERS = [
    "Package number *",
    "Package kind *",
    "Item *",
    "Quantity *",
    "Unit *",
    "Gross weight (kg)",
    "Volume (m³)",
    "Pledge number *",
]


@pytest.fixture
def pledges(partnership, receiver, donor):
    """Two confirmed pledges of the donor side: 60 boxes of bandages, 40 l of saline."""
    need = need_post(
        partnership,
        receiver,
        lines=[
            {"item": "Bandage", "quantity": Decimal(100), "unit": "box"},
            {"item": "Saline", "quantity": Decimal(50), "unit": "l"},
        ],
    )
    offer = offer_make(
        partnership,
        donor,
        need=need,
        lines=[
            {"item": "bandage", "quantity": Decimal(60), "unit": "box"},
            {"item": "Saline", "quantity": Decimal(40), "unit": "l"},
        ],
    )
    need_lines, offer_lines = need.lines.order_by("pk"), offer.lines.order_by("pk")
    return [
        services.pledge_confirm(
            offer_line=offer_line, need_line=need_line, quantity=offer_line.quantity, by=receiver
        )
        for offer_line, need_line in zip(offer_lines, need_lines, strict=True)
    ]


@pytest.fixture
def shipment(partnership, donor):
    return services.shipment_create(
        partnership=partnership, by=donor, idempotency_key=uuid.uuid4(), reference="CMR-1"
    )


def _rows(pledges, changes=None):
    bandage, saline = pledges
    rows = [
        [1, "pallet", "Bandage", 30, "box", 120.5, 1.2, bandage.pk],
        [1, "", "Saline", 20, "l", None, None, f"No. {saline.pk}"],
        [2, "box", "bandage", 30, "box", 15, 0.1, bandage.pk],
    ]
    for (row, column), value in (changes or {}).items():
        rows[row][HEADERS.index(column)] = value
    return rows


def _url(name, *args, language="en"):
    with translation.override(language):
        return reverse(f"aid:{name}", args=args)


def _post(client, shipment, data: bytes):
    url = _url("packing_list_import", shipment.partnership.slug, shipment.pk)
    return client.post(url, {"file": upload(data, "packing-list.xlsx")})


def test_a_filled_in_template_packs_and_loads_the_shipment(
    partnership, donor, pledges, shipment, client_of
):
    client = client_of(donor)
    template = client.get(_url("packing_list_template", partnership.slug))
    assert template.status_code == 200
    assert template_headers(template.content) == HEADERS
    rows = [dict(zip(HEADERS, row, strict=True)) for row in _rows(pledges)]

    response = _post(client, shipment, template_filled(template.content, rows))

    assert response.status_code == 302
    assert response["Location"] == _url("shipment_detail", partnership.slug, shipment.pk)
    packages = list(Package.objects.filter(shipment=shipment).order_by("number"))
    assert [(p.number, p.kind, p.gross_weight, p.volume) for p in packages] == [
        (1, "pallet", Decimal("120.5"), Decimal("1.2")),
        (2, "box", Decimal(15), Decimal("0.1")),
    ]
    loaded = {
        (line.package.number, line.pledge_id, line.quantity)
        for line in ShipmentLine.objects.filter(shipment=shipment)
    }
    bandage, saline = pledges
    assert loaded == {(1, bandage.pk, 30), (1, saline.pk, 20), (2, bandage.pk, 30)}
    message = str(list(response.wsgi_request._messages)[-1])
    assert message == "2 packages with 3 lines imported."


def _refused(response, *expected):
    assert response.status_code == 400
    assert Package.objects.count() == 0 and ShipmentLine.objects.count() == 0
    text = response.content.decode()
    for fragment in expected:
        assert fragment in text, fragment
    return text


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({(0, "Quantity *"): "many"}, "Enter a number."),
        ({(1, "Quantity *"): -2}, "Enter a number greater than zero."),
        ({(0, "Unit *"): "barrel"}, "“barrel” is not in the list."),
        ({(0, "Package kind *"): "suitcase"}, "“suitcase” is not in the list."),
        ({(0, "Package kind *"): None}, "Fill in this cell."),
        ({(0, "Gross weight (kg)"): "heavy"}, "Enter a number."),
        ({(0, "Pledge number *"): 999_999}, "There is no pledge No. 999999 in this partnership."),
        ({(0, "Pledge number *"): "-3"}, "Enter a whole number"),
        ({(0, "Unit *"): "kg"}, "is counted in box"),
        ({(0, "Item *"): "Blankets"}, "is for “bandage”"),
        ({(2, "Package number *"): 3}, "Number the packages 1, 2, 3"),
        ({(2, "Package number *"): 1}, "This differs from row 2"),
        (
            {(2, "Package number *"): 1, (2, "Package kind *"): None, (2, "Volume (m³)"): None}
            | {(2, "Gross weight (kg)"): None},
            "already in this package",
        ),
        ({(2, "Quantity *"): 31}, "Only 30 boxes of this pledge are not yet loaded."),
    ],
)
def test_a_bad_row_is_reported_and_nothing_is_packed(
    donor, pledges, shipment, client_of, changes, expected
):
    _refused(
        _post(client_of(donor), shipment, _workbook(HEADERS, _rows(pledges, changes))), expected
    )


def test_a_retried_upload_packs_nothing_twice(donor, pledges, shipment, client_of):
    client = client_of(donor)
    data = _workbook(HEADERS, _rows(pledges))
    assert _post(client, shipment, data).status_code == 302

    response = _post(client, shipment, data)

    assert response.status_code == 400
    assert "already has packages" in response.content.decode()
    assert Package.objects.count() == 2 and ShipmentLine.objects.count() == 3


def test_a_departed_shipment_takes_no_packing_list(donor, pledges, shipment, client_of):
    services.shipment_line_set(shipment=shipment, by=donor, pledge=pledges[1], quantity=1)
    services.shipment_advance(shipment=shipment, by=donor, status="in_transit")
    response = _post(client_of(donor), shipment, _workbook(HEADERS, _rows(pledges)))
    assert response.status_code == 400
    assert "This shipment has left" in response.content.decode()
    assert Package.objects.count() == 0


def test_a_corrupt_file_is_refused(donor, pledges, shipment, client_of):
    _refused(_post(client_of(donor), shipment, b"PK\x03\x04garbage"), "is damaged")


@pytest.mark.parametrize("role", [Role.OBSERVER, Role.PARTNER])
def test_only_the_sending_office_packs(partnership, pledges, shipment, client_of, role):
    person = member_create(partnership, role, position=1).user
    response = _post(client_of(person), shipment, _workbook(HEADERS, _rows(pledges)))
    assert response.status_code == 403
    assert Package.objects.count() == 0


def test_the_receiving_side_does_not_pack(receiver, pledges, shipment, client_of):
    url = _url("packing_list_import", shipment.partnership.slug, shipment.pk)
    assert client_of(receiver).get(url).status_code == 403


def test_outsiders_find_nothing(partnership, outsider, shipment, client_of):
    client = client_of(outsider)
    assert client.get(_url("packing_list_template", partnership.slug)).status_code == 404
    url = _url("packing_list_import", partnership.slug, shipment.pk)
    assert client.get(url).status_code == 404


def test_a_shipment_of_another_partnership_is_not_found(
    other_partnership, donor, shipment, client_of
):
    url = _url("packing_list_import", other_partnership.slug, shipment.pk)
    assert client_of(donor).get(url).status_code == 404


def test_the_import_page_links_the_template(partnership, donor, shipment, client_of):
    response = client_of(donor).get(_url("packing_list_import", partnership.slug, shipment.pk))
    assert response.status_code == 200
    assert _url("packing_list_template", partnership.slug) in response.content.decode()
