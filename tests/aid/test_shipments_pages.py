"""The shipment pages over HTTP: who may see and change what, bad input answered with the
service's message and nothing changed, and forms sent twice that change things once."""

import uuid
from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from pobratym.aid import services
from pobratym.aid.models import Package, Shipment, ShipmentEvent, ShipmentLine
from pobratym.partnerships.models import Role
from tests.access import Page, http_check
from tests.aid.shipment_factories import pledge_make, shipment_loaded, shipment_plan
from tests.aid.test_rules import RULES
from tests.factories import member_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def shipment(partnership, team):
    return shipment_loaded(partnership, team, pledges=1, packages=1)


def _url(name, partnership, *args):
    return reverse(f"aid:{name}", args=[partnership.slug, *args])


# Who may see and change: the sending side's office changes; everyone else in the
# partnership only reads; people outside it are told it does not exist.

READERS = RULES["aid.view_shipment"][1]
SENDING_OFFICE = RULES["aid.change_shipment"][1]


def _shipment_url(name, *records):
    return lambda s: _url(name, s.partnership, s.pk, *(r(s) for r in records))


def _package(s):
    return s.packages.get().pk


PAGES = [
    Page("list", lambda s: _url("shipment_list", s.partnership), READERS),
    Page("detail", _shipment_url("shipment_detail"), READERS),
    Page("packing list", _shipment_url("shipment_pdf", lambda s: "packing-list"), READERS),
    Page("edit", _shipment_url("shipment_edit"), SENDING_OFFICE),
    Page(
        "edit (post)",
        _shipment_url("shipment_edit"),
        SENDING_OFFICE,
        method="post",
        data={"reference": "CMR-9", "carrier_name": "Other", "carrier_kind": "company"},
        success=302,
    ),
    Page(
        "load (post)",
        _shipment_url("shipment_load"),
        SENDING_OFFICE,
        method="post",
        data=lambda s, person: {
            "pledge": s.lines.get().pledge_id,
            "package": _package(s),
            "quantity": "1",
        },
        success=302,
    ),
    Page(
        "package (post)",
        _shipment_url("package_add"),
        SENDING_OFFICE,
        method="post",
        data=lambda s, person: {"kind": "box", "idempotency_key": uuid.uuid4()},
        success=302,
    ),
    Page(
        "remove package (post)",
        _shipment_url("package_remove", _package),
        SENDING_OFFICE,
        method="post",
        success=302,
    ),
    Page(
        "advance (post)",
        _shipment_url("shipment_advance"),
        SENDING_OFFICE,
        method="post",
        data={"status": "packing"},
        success=302,
    ),
]


def _as_planned(shipment):
    """What a refused change must leave as it was."""

    def snapshot():
        shipment.refresh_from_db()
        lines = list(shipment.lines.values_list("pk", "quantity", "package_id"))
        return shipment.status, shipment.carrier_id, lines, shipment.packages.count()

    return snapshot


@pytest.mark.parametrize("page", PAGES, ids=str)
def test_page_answers_by_role_and_side_and_refusals_change_nothing(page, shipment, cast):
    http_check(page, shipment, cast, unchanged=_as_planned(shipment))


def test_the_sending_office_records_a_stage(partnership, shipment, cast, client_of):
    client = client_of(cast[(Role.STAFF, 1)])

    response = client.post(
        _url("shipment_advance", partnership, shipment.pk), {"status": "packing"}
    )

    assert response.status_code == 302
    shipment.refresh_from_db()
    assert shipment.status == "packing"


def test_readers_are_offered_no_form_to_change(partnership, shipment, cast, client_of):
    address = _url("shipment_detail", partnership, shipment.pk)
    for cell in sorted(READERS - SENDING_OFFICE):
        detail = client_of(cast[cell]).get(address).content.decode()

        assert 'action="' + _url("shipment_load", partnership, shipment.pk) not in detail, cell
        assert 'action="' + _url("shipment_advance", partnership, shipment.pk) not in detail, cell


def test_a_shipment_of_another_partnership_is_not_found(
    partnership, other_partnership, team, client_of
):
    foreign = shipment_plan(
        other_partnership, member_create(other_partnership, Role.STAFF, position=1).user
    )
    response = client_of(team["sender"]).get(_url("shipment_detail", partnership, foreign.pk))
    assert response.status_code == 404


def test_an_unknown_document_is_not_found(partnership, shipment, team, client_of):
    url = _url("shipment_pdf", partnership, shipment.pk, "invoice")
    assert client_of(team["sender"]).get(url).status_code == 404


# Planning and editing.


def test_a_shipment_form_sent_twice_plans_one_shipment(partnership, team, client_of):
    client = client_of(team["sender"])
    page = client.get(_url("shipment_create", partnership))
    key = page.context["form"]["idempotency_key"].value()
    data = {
        "reference": "CMR-77",
        "carrier_name": "Spedition",
        "carrier_kind": "company",
        "idempotency_key": key,
    }

    first = client.post(_url("shipment_create", partnership), data)
    second = client.post(_url("shipment_create", partnership), data)

    shipment = Shipment.objects.get()
    assert first.status_code == second.status_code == 302
    assert (
        first["Location"] == second["Location"] == _url("shipment_detail", partnership, shipment.pk)
    )
    assert shipment.side.position == 1
    assert list(shipment.events.values_list("status", flat=True)) == ["planned"]


def test_arrival_before_departure_is_refused_and_nothing_planned(partnership, team, client_of):
    response = client_of(team["sender"]).post(
        _url("shipment_create", partnership),
        {
            "planned_departure": "2026-12-10",
            "planned_arrival": "2026-12-01",
            "idempotency_key": uuid.uuid4(),
        },
    )
    assert response.status_code == 400
    assert "The planned arrival cannot be before the planned departure." in (
        response.content.decode()
    )
    assert not Shipment.objects.exists()


def test_the_edit_page_saves_carrier_vehicle_and_route(partnership, shipment, team, client_of):
    response = client_of(team["sender"]).post(
        _url("shipment_edit", partnership, shipment.pk),
        {
            "reference": "CMR-9",
            "carrier_name": "DHL Freight",
            "carrier_kind": "company",
            "vehicle": "MAN TGX",
            "route": "A2",
        },
    )
    assert response.status_code == 302
    shipment.refresh_from_db()
    assert (shipment.reference, shipment.carrier.name, shipment.vehicle, shipment.route) == (
        "CMR-9",
        "DHL Freight",
        "MAN TGX",
        "A2",
    )


# Loading pledges.


def _load(client, partnership, shipment, pledge, quantity, package=None):
    return client.post(
        _url("shipment_load", partnership, shipment.pk),
        {"pledge": pledge.pk, "package": package.pk if package else "", "quantity": quantity},
    )


def test_loadable_pledges_are_offered_and_loading_twice_loads_once(partnership, team, client_of):
    shipment = shipment_plan(partnership, team["sender"])
    pledge = pledge_make(partnership, team, item="Generator", quantity=Decimal(4), unit="piece")
    client = client_of(team["sender"])

    page = client.get(_url("shipment_detail", partnership, shipment.pk))
    assert [p.pk for p in page.context["loadable"]] == [pledge.pk]
    assert f'id="load-{pledge.pk}-quantity"' in page.content.decode()

    for _attempt in range(2):
        assert _load(client, partnership, shipment, pledge, "3").status_code == 302

    line = ShipmentLine.objects.get()
    assert (line.pledge_id, line.quantity, line.package_id) == (pledge.pk, Decimal(3), None)
    page = client.get(_url("shipment_detail", partnership, shipment.pk))
    assert [(p.pk, p.remaining) for p in page.context["loadable"]] == [(pledge.pk, Decimal(1))]


def test_a_quantity_of_zero_unloads_the_pledge(partnership, shipment, team, client_of):
    line = shipment.lines.get()
    response = _load(
        client_of(team["sender"]), partnership, shipment, line.pledge, "0", line.package
    )
    assert response.status_code == 302
    assert not shipment.lines.exists()


@pytest.mark.parametrize(
    ("quantity", "message"),
    [
        ("-1", "The quantity cannot be negative."),
        ("61", "Only 60 boxes of this pledge are not yet loaded."),
    ],
    ids=["negative", "more than pledged"],
)
def test_a_wrong_quantity_is_refused_with_the_services_message(
    partnership, team, client_of, quantity, message
):
    shipment = shipment_plan(partnership, team["sender"])
    pledge = pledge_make(partnership, team)

    response = _load(client_of(team["sender"]), partnership, shipment, pledge, quantity)

    assert response.status_code == 400
    assert message in response.content.decode()
    assert not ShipmentLine.objects.exists()


def test_text_in_the_quantity_is_a_400_not_a_500(partnership, team, client_of):
    shipment = shipment_plan(partnership, team["sender"])
    pledge = pledge_make(partnership, team)
    response = _load(client_of(team["sender"]), partnership, shipment, pledge, "viele")
    assert response.status_code == 400
    assert not ShipmentLine.objects.exists()


def test_a_pledge_of_the_other_sides_donors_cannot_be_loaded(partnership, team, client_of):
    # The receiving side plans its own shipment; the pledge's donor is on the sending side.
    shipment = shipment_plan(partnership, team["receiver"])
    pledge = pledge_make(partnership, team)

    response = _load(client_of(team["receiver"]), partnership, shipment, pledge, "1")

    assert response.status_code == 400
    assert "Only pledges of the sending side&#x27;s donors can be loaded." in (
        response.content.decode()
    )
    assert not ShipmentLine.objects.exists()


def test_a_package_of_another_shipment_is_refused(partnership, shipment, team, client_of):
    other = shipment_plan(partnership, team["sender"])
    pledge = pledge_make(partnership, team)
    response = _load(
        client_of(team["sender"]), partnership, other, pledge, "1", shipment.packages.get()
    )
    assert response.status_code == 400
    assert not other.lines.exists()


# Packages.


def test_a_package_form_sent_twice_adds_one_package(partnership, team, client_of):
    shipment = shipment_plan(partnership, team["sender"])
    client = client_of(team["sender"])
    data = {"kind": "pallet", "gross_weight": "310.5", "volume": "1.44", "idempotency_key": "x"}
    data["idempotency_key"] = (
        client.get(_url("shipment_detail", partnership, shipment.pk))
        .context["package_form"]["idempotency_key"]
        .value()
    )

    for _attempt in range(2):
        response = client.post(_url("package_add", partnership, shipment.pk), data)
        assert response.status_code == 302

    package = Package.objects.get()
    assert (package.number, package.gross_weight, package.volume) == (
        1,
        Decimal("310.5"),
        Decimal("1.44"),
    )
    data["idempotency_key"] = uuid.uuid4()
    client.post(_url("package_add", partnership, shipment.pk), data)
    assert list(shipment.packages.values_list("number", flat=True)) == [1, 2]


def test_a_package_with_a_negative_weight_is_refused(partnership, team, client_of):
    shipment = shipment_plan(partnership, team["sender"])
    response = client_of(team["sender"]).post(
        _url("package_add", partnership, shipment.pk),
        {"kind": "box", "gross_weight": "-5", "idempotency_key": uuid.uuid4()},
    )
    assert response.status_code == 400
    assert "Ensure this value is greater than or equal to 0.01." in response.content.decode()
    assert not Package.objects.exists()


def test_removing_a_package_keeps_its_contents_loaded_loose(partnership, shipment, team, client_of):
    package = shipment.packages.get()
    response = client_of(team["sender"]).post(
        _url("package_remove", partnership, shipment.pk, package.pk)
    )
    assert response.status_code == 302
    assert not shipment.packages.exists()
    assert shipment.lines.get().package is None


def test_a_package_cannot_be_removed_after_departure(partnership, shipment, team, client_of):
    services.shipment_advance(shipment=shipment, by=team["sender"], status="in_transit")
    package = shipment.packages.get()

    response = client_of(team["sender"]).post(
        _url("package_remove", partnership, shipment.pk, package.pk)
    )

    assert response.status_code == 409
    assert "This shipment has left; its load can no longer change." in response.content.decode()
    assert shipment.packages.get().lines.count() == 1


# Stages.


def test_only_later_stages_are_offered(partnership, shipment, team, client_of):
    services.shipment_advance(shipment=shipment, by=team["sender"], status="in_transit")
    page = client_of(team["sender"]).get(_url("shipment_detail", partnership, shipment.pk))
    offered = [value for value, _label in page.context["advance_form"].later]
    assert offered == ["at_border", "delivered"]


def test_a_stage_with_time_and_note_is_recorded_in_the_readers_time_zone(
    partnership, shipment, team, client_of
):
    team["sender"].time_zone = "Europe/Kyiv"
    team["sender"].save()
    # Planned yesterday, so a stage three hours ago comes after it.
    shipment.events.update(occurred_at=timezone.now() - timedelta(days=1))
    client = client_of(team["sender"])
    when = timezone.localtime(timezone.now() - timedelta(hours=3), timezone.get_fixed_timezone(120))
    # 2 hours east of UTC in winter, as Kyiv is; the form's time is read in Kyiv time.
    response = client.post(
        _url("shipment_advance", partnership, shipment.pk),
        {
            "status": "in_transit",
            "occurred_at": when.strftime("%Y-%m-%dT%H:%M"),
            "note": "Left the warehouse at Dortmund-Ems",
        },
    )
    assert response.status_code == 302
    event = ShipmentEvent.objects.get(shipment=shipment, status="in_transit")
    assert event.occurred_at == when.replace(second=0, microsecond=0)
    assert event.note == "Left the warehouse at Dortmund-Ems"
    page = client.get(_url("shipment_detail", partnership, shipment.pk)).content.decode()
    assert "Kyiv time" in page and "Europe/Kyiv" not in page
    assert f'datetime="{when.replace(second=0, microsecond=0).isoformat()}"' in page


@pytest.mark.parametrize(
    ("stage", "message"),
    [("planned", "This shipment is already packing."), ("packing", "already packing")],
    ids=["backwards", "the same again"],
)
def test_a_stage_going_backwards_is_refused(partnership, shipment, team, client_of, stage, message):
    services.shipment_advance(shipment=shipment, by=team["sender"], status="packing")

    response = client_of(team["sender"]).post(
        _url("shipment_advance", partnership, shipment.pk), {"status": stage}
    )

    assert response.status_code == 409
    assert message in response.content.decode()
    shipment.refresh_from_db()
    assert shipment.status == "packing"
    assert shipment.events.count() == 2


def test_an_empty_shipment_cannot_leave(partnership, team, client_of):
    shipment = shipment_plan(partnership, team["sender"])

    response = client_of(team["sender"]).post(
        _url("shipment_advance", partnership, shipment.pk), {"status": "in_transit"}
    )

    assert response.status_code == 400
    assert "Load at least one pledge before it leaves." in response.content.decode()
    shipment.refresh_from_db()
    assert shipment.status == "planned"


def test_a_stage_in_the_future_is_refused(partnership, shipment, team, client_of):
    later = timezone.localtime() + timedelta(days=2)
    response = client_of(team["sender"]).post(
        _url("shipment_advance", partnership, shipment.pk),
        {"status": "packing", "occurred_at": later.strftime("%Y-%m-%dT%H:%M")},
    )
    assert response.status_code == 400
    assert "A stage can only be recorded once it happened." in response.content.decode()


def test_an_unknown_stage_is_a_400(partnership, shipment, team, client_of):
    response = client_of(team["sender"]).post(
        _url("shipment_advance", partnership, shipment.pk), {"status": "lost"}
    )
    assert response.status_code == 400


# What the pages show.


def test_the_list_shows_number_status_carrier_packages_and_weight(
    partnership, shipment, team, client_of
):
    page = client_of(team["receiver"]).get(_url("shipment_list", partnership)).content.decode()
    assert shipment.reference in page
    assert "Planned" in page
    assert "Spedition Westfalen GmbH" in page
    row = page[page.index(shipment.reference) :]
    assert ">1</td>" in row  # the package count (cells carry a data-label for phones)
    assert "250.5" in row


def test_the_detail_traces_each_line_to_donor_pledge_and_need_but_hides_the_address(
    partnership, shipment, team, client_of
):
    observer = member_create(partnership, Role.OBSERVER, position=2).user
    page = client_of(observer).get(_url("shipment_detail", partnership, shipment.pk))
    text = page.content.decode()
    line = shipment.lines.get()
    assert "Item 0" in text
    assert "Donor 0" in text
    assert "City Hospital No. 1" in text
    assert f"No. {line.pledge_id}" in text
    assert "vul. Velyka Berdychivska 1" not in text
    sender_page = client_of(team["receiver"]).get(_url("shipment_detail", partnership, shipment.pk))
    assert "vul. Velyka Berdychivska 1" in sender_page.content.decode()


def test_the_receiving_office_is_led_to_the_goods_received_note_once_it_left(
    partnership, shipment, team, client_of
):
    services.shipment_advance(shipment=shipment, by=team["sender"], status="in_transit")
    page = client_of(team["receiver"]).get(_url("shipment_detail", partnership, shipment.pk))
    assert page.status_code == 200
    assert page.context["receivable"] is True
    receipt = reverse("aid:receipt_create", args=[partnership.slug, shipment.pk])
    assert f'href="{receipt}"' in page.content.decode()
    # The sending side does not write it, so it is not led there.
    page = client_of(team["sender"]).get(_url("shipment_detail", partnership, shipment.pk))
    assert f'href="{receipt}"' not in page.content.decode()


def test_a_refusal_is_in_the_readers_language(partnership, team, client_of):
    shipment = shipment_plan(partnership, team["sender"])
    pledge = pledge_make(partnership, team)
    with translation.override("de"):
        # The German address of the page, as a German reader follows it.
        response = _load(client_of(team["sender"]), partnership, shipment, pledge, "-2")

    assert response.status_code == 400
    with translation.override("de"):
        message = gettext("The quantity cannot be negative.")
    assert message != "The quantity cannot be negative."
    assert message in response.content.decode()
    assert not ShipmentLine.objects.exists()


def test_a_number_already_given_to_another_shipment_is_refused(
    partnership, shipment, team, client_of
):
    client = client_of(team["sender"])
    created = client.post(
        _url("shipment_create", partnership),
        {"reference": shipment.reference, "idempotency_key": uuid.uuid4()},
    )
    other = shipment_plan(partnership, team["sender"], reference="CMR-OTHER")
    edited = client.post(
        _url("shipment_edit", partnership, other.pk), {"reference": shipment.reference}
    )

    assert created.status_code == edited.status_code == 400
    assert Shipment.objects.filter(reference=shipment.reference).count() == 1
    other.refresh_from_db()
    assert other.reference == "CMR-OTHER"


def test_removing_a_package_asks_first_and_says_what_will_happen(
    partnership, shipment, team, client_of
):
    package = shipment.packages.get()
    address = _url("package_remove", partnership, shipment.pk, package.pk)
    detail = client_of(team["sender"]).get(_url("shipment_detail", partnership, shipment.pk))
    assert f'href="{address}"' in detail.content.decode()

    page = client_of(team["sender"]).get(address)

    assert page.status_code == 200
    text = page.content.decode()
    assert "What will happen" in text
    assert "What was in it stays loaded on the shipment, loose." in text
    assert "Yes, remove the package" in text
    assert _url("shipment_detail", partnership, shipment.pk) in text
    assert shipment.packages.filter(pk=package.pk).exists()
    assert client_of(team["receiver"]).get(address).status_code == 403
