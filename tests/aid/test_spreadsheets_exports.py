"""Exports of aid lists over HTTP: needs and offers as XLSX, and needs as HXL-tagged CSV for
members, each scoped to the person and hiding what their role may not see."""

import csv
import io
import uuid
from decimal import Decimal

import hxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from pobratym.aid import services
from pobratym.partnerships.models import Role
from tests.aid.factories import need_post, offer_make
from tests.downloads import body
from tests.factories import member_create

pytestmark = pytest.mark.django_db

ADDRESS = "vul. Velyka Berdychivska 1"


def _url(name, partnership, language="en"):
    with translation.override(language):
        return reverse(f"aid:{name}", args=[partnership.slug])


def _sheet(response) -> list[list]:
    assert response.status_code == 200, body(response)[:500]
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert response["Cache-Control"] == "private, no-store"
    workbook = load_workbook(io.BytesIO(body(response)))
    return [list(row) for row in workbook.worksheets[0].values]


def _as_dicts(rows) -> list[dict]:
    headers, *lines = rows
    return [dict(zip(headers, line, strict=True)) for line in lines]


def _pledged_need(partnership, receiver, donor, **fields):
    need = need_post(
        partnership,
        receiver,
        lines=[
            {"item": "Bandage", "quantity": Decimal(100), "unit": "box"},
            {"item": "Saline", "quantity": Decimal("2.5"), "unit": "l"},
        ],
        critical_infrastructure=True,
        **fields,
    )
    offer = offer_make(partnership, donor, need=need)
    services.pledge_confirm(
        offer_line=offer.lines.get(),
        need_line=need.lines.order_by("pk")[0],
        quantity=Decimal(60),
        by=receiver,
    )
    return need


def test_the_needs_export_has_a_row_per_line_with_its_coverage(
    partnership, receiver, donor, client_of
):
    need = _pledged_need(partnership, receiver, donor)

    rows = _as_dicts(_sheet(client_of(receiver).get(_url("need_export", partnership))))

    assert [row["Item"] for row in rows] == ["Bandage", "Saline"]
    first = rows[0]
    assert first["Need"] == need.pk and first["Title"] == "Dressings for the city hospital"
    assert first["Status"] == "partly covered" and first["Unit"] == "box"
    assert (first["Requested"], first["Pledged"]) == (100, 60)
    assert (rows[1]["Requested"], rows[1]["Pledged"]) == (2.5, 0)
    assert (first["Shipped"], first["Received"]) == (0, 0)
    assert first["Exact address"] == ADDRESS and first["Critical infrastructure"] == "yes"


@pytest.mark.parametrize(
    ("role", "position", "sees"),
    [
        (Role.COORDINATOR, 2, True),
        (Role.STAFF, 2, True),
        (Role.COORDINATOR, 1, True),
        (Role.STAFF, 1, False),
        (Role.PARTNER, 2, False),
        (Role.OBSERVER, 2, False),
        (Role.SIGNATORY, 2, False),
    ],
)
def test_addresses_and_critical_marks_go_only_to_roles_that_may_see_them(
    partnership, receiver, client_of, role, position, sees
):
    need_post(partnership, receiver, critical_infrastructure=True)
    person = member_create(partnership, role, position=position).user
    client = client_of(person)

    sheet = client.get(_url("need_export", partnership))
    rows = _as_dicts(_sheet(sheet))
    text = body(client.get(_url("need_hxl", partnership))).decode()

    assert len(rows) == 1
    if sees:
        assert rows[0]["Exact address"] == ADDRESS
        assert rows[0]["Critical infrastructure"] == "yes"
        assert ADDRESS in text
    else:
        assert rows[0]["Exact address"] in (None, "")
        assert rows[0]["Critical infrastructure"] in (None, "")
        assert ADDRESS not in str(rows)
        assert "Berdychivska" not in text


def test_the_export_takes_the_list_pages_filters(partnership, receiver, donor, client_of):
    _pledged_need(partnership, receiver, donor)
    need_post(partnership, receiver, title="Generator", kind="equipment", sector="energy")
    client = client_of(receiver)

    def titles(query):
        response = client.get(_url("need_export", partnership), query)
        return {row["Title"] for row in _as_dicts(_sheet(response))}

    assert titles({}) == {"Dressings for the city hospital", "Generator"}
    assert titles({"kind": "equipment"}) == {"Generator"}
    assert titles({"status": "partly_covered"}) == {"Dressings for the city hospital"}
    assert titles({"sector": "energy", "priority": "low"}) == set()
    assert client.get(_url("need_export", partnership), {"kind": "weapons"}).status_code == 400


def test_text_that_looks_like_a_formula_stays_text(partnership, receiver, client_of):
    need_post(partnership, receiver, title='=HYPERLINK("http://evil.example","click")')
    response = client_of(receiver).get(_url("need_export", partnership))
    assert response.status_code == 200
    cell = load_workbook(io.BytesIO(body(response))).worksheets[0]["B2"]
    assert cell.data_type == "s"
    assert cell.value.startswith("=HYPERLINK")


def test_control_characters_in_text_do_not_break_the_export(partnership, receiver, client_of):
    need_post(partnership, receiver, title="Tents\x0b for the school")
    rows = _as_dicts(_sheet(client_of(receiver).get(_url("need_export", partnership))))
    assert rows[0]["Title"] == "Tents for the school"


def test_the_offers_export_has_a_row_per_offer_line(partnership, receiver, donor, client_of):
    need = _pledged_need(partnership, receiver, donor)
    offer_make(
        partnership,
        donor,
        donor="Stadtwerke Dortmund",
        lines=[
            {"item": "Cable", "quantity": Decimal(500), "unit": "m", "estimated_value": 750},
            {"item": "Transformer", "quantity": Decimal(1), "unit": "piece"},
        ],
    )

    rows = _as_dicts(_sheet(client_of(donor).get(_url("offer_export", partnership))))

    by_item = {row["Item"]: row for row in rows}
    assert set(by_item) == {"bandage", "Cable", "Transformer"}
    assert by_item["bandage"]["Need"] == need.title and by_item["bandage"]["Pledged"] == 60
    assert by_item["Cable"]["Need"] == "free offer" and by_item["Cable"]["Estimated value"] == 750
    assert by_item["Cable"]["Donor"] == "Stadtwerke Dortmund"
    assert by_item["Transformer"]["Pledged"] == 0


def test_the_members_hxl_is_read_by_libhxl_and_has_every_need(
    partnership, receiver, donor, client_of, tmp_path
):
    _pledged_need(partnership, receiver, donor)  # not public: members still see it
    response = client_of(receiver).get(_url("need_hxl", partnership))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    path = tmp_path / "needs.hxl.csv"
    path.write_bytes(body(response))

    dataset = hxl.data(str(path), hxl.InputOptions(allow_local=True))
    rows = list(dataset)

    assert [row.get("#item+name") for row in rows] == ["Bandage", "Saline"]
    assert [row.get("#value+pledged") for row in rows] == ["60", "0"]
    assert rows[0].get("#loc+name") == ADDRESS
    assert rows[0].get("#indicator+critical") == "yes"
    assert {"#org", "#sector", "#adm2", "#loc", "#indicator"} <= set(dataset.tags)
    assert hxl.data(str(path), hxl.InputOptions(allow_local=True)).validate()


def test_the_members_hxl_has_the_public_columns_and_two_more(partnership, receiver, client_of):
    need = need_post(partnership, receiver)
    services.need_publish(need=need, by=receiver, public=True)
    member = body(client_of(receiver).get(_url("need_hxl", partnership))).decode()
    public = client_of(receiver).get(f"/api/v1/partnerships/{partnership.slug}/aid.hxl.csv")
    member_tags = list(csv.reader(io.StringIO(member)))[1]
    public_tags = list(csv.reader(io.StringIO(body(public).decode())))[1]
    assert member_tags == [*public_tags, "#loc+name+address", "#indicator+critical"]


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
        assert response.status_code == 200
        body(response)  # a streamed export reads its rows as it is sent
    return len(captured)


def test_the_shipments_export_has_a_row_per_shipment_with_its_totals(
    partnership, receiver, donor, client_of
):
    need = _pledged_need(partnership, receiver, donor)
    shipment = services.shipment_create(
        partnership=partnership, by=donor, idempotency_key=uuid.uuid4(), reference="CMR-7"
    )
    package = services.package_add(shipment=shipment, by=donor, kind="pallet", gross_weight=120)
    services.package_add(shipment=shipment, by=donor, kind="box", gross_weight="7.5", volume=1)
    pledge = need.lines.order_by("pk")[0].pledges.get()
    services.shipment_line_set(
        shipment=shipment, by=donor, pledge=pledge, quantity=10, package=package
    )

    rows = _as_dicts(_sheet(client_of(receiver).get(_url("shipment_export", partnership))))

    assert len(rows) == 1
    row = rows[0]
    assert (row["Shipment"], row["Waybill or consignment number"]) == (shipment.pk, "CMR-7")
    assert row["Status"] == "planned" and row["Packages"] == 2
    assert (row["Gross weight (kg)"], row["Volume (m³)"]) == (127.5, 1)


def test_the_discrepancies_export_lists_what_is_not_settled(
    partnership, receiver, donor, client_of
):
    need = _pledged_need(partnership, receiver, donor)
    pledge = need.lines.order_by("pk")[0].pledges.get()
    shipment = services.shipment_create(
        partnership=partnership, by=donor, idempotency_key=uuid.uuid4(), reference="CMR-8"
    )
    services.shipment_line_set(shipment=shipment, by=donor, pledge=pledge, quantity=10)
    shipment = services.shipment_advance(shipment=shipment, by=donor, status="in_transit")
    line = shipment.lines.get()
    services.receipt_record(
        shipment=shipment,
        by=receiver,
        number="GRN-1",
        received_on=shipment.departed_on,
        received_by="Store keeper",
        lines={line.pk: {"quantity": 12, "state": "damaged", "remark": "wet"}},
    )

    rows = _as_dicts(_sheet(client_of(receiver).get(_url("discrepancy_export", partnership))))

    assert len(rows) == 1
    assert (rows[0]["Shipment"], rows[0]["Goods received note"]) == ("CMR-8", "GRN-1")
    assert (rows[0]["Shipped"], rows[0]["Received"]) == (10, 12)
    assert rows[0]["Discrepancy"] == "surplus, damaged"
    services.discrepancy_resolve(line=line.receipt_line, by=receiver, resolution="kept")
    assert _sheet(client_of(receiver).get(_url("discrepancy_export", partnership))) == [
        list(rows[0])
    ]


def _shipments(partnership, donor, count):
    for number in range(count):
        services.shipment_create(
            partnership=partnership, by=donor, idempotency_key=uuid.uuid4(), route=f"R{number}"
        )


@pytest.mark.parametrize("name", ["need_export", "need_hxl", "offer_export", "shipment_export"])
def test_exports_make_the_same_queries_for_few_and_many(
    partnership, receiver, donor, client_of, django_assert_max_num_queries, name
):
    client = client_of(receiver)
    url = _url(name, partnership)

    def queries_for(count):
        for _ in range(count):
            _pledged_need(partnership, receiver, donor)
        _shipments(partnership, donor, count)
        client.get(url)  # what a process reads once (the content types of translated records)
        with django_assert_max_num_queries(12):
            return _queries(client, url)

    assert queries_for(1) == queries_for(10)


@pytest.mark.parametrize(
    "name", ["need_export", "need_hxl", "offer_export", "shipment_export", "discrepancy_export"]
)
def test_outsiders_find_no_export(partnership, outsider, client_of, client, name):
    assert client_of(outsider).get(_url(name, partnership)).status_code == 404
    assert client.get(_url(name, partnership)).status_code == 302  # to sign in


def test_an_observer_exports_what_they_see(partnership, receiver, client_of):
    need_post(partnership, receiver)
    observer = member_create(partnership, Role.OBSERVER, position=1).user
    response = client_of(observer).get(_url("need_export", partnership))
    assert len(_sheet(response)) == 2
