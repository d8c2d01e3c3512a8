"""The aid pages a member reads (the dashboard, needs, offers, shipments, goods received notes
and discrepancies) are rendered once and kept until anything is written
(core.changes.remembered_body), per person and session: as production runs, not as the other
tests do (`remembering`). A need's exact address stays with those who may see it."""

from decimal import Decimal

import pytest
from django.urls import reverse

from pobratym.aid import services
from pobratym.partnerships.models import Role
from tests.aid.factories import need_post
from tests.aid.page_factories import ADDRESS, DONOR, RECEIVING
from tests.aid.receipt_factories import receipt_make, shipment_in_transit
from tests.aid.shipment_factories import pledge_make, shipment_plan
from tests.kept import kept_read, page_read, read_from

pytestmark = [pytest.mark.remembering, pytest.mark.django_db, pytest.mark.sqlite_pass]


def _need_url(world, name="need_detail"):
    return reverse(f"aid:{name}", args=[world.partnership.slug, world.need.pk])


def test_a_need_page_is_read_once_while_nothing_is_written(world, client_of):
    text, queries = kept_read(client_of(world.receiver), _need_url(world))

    assert "<title>Dressings for the city hospital · " in text
    assert not read_from(queries, "aid_need") and not read_from(queries, "aid_needline")


def test_a_kept_need_page_shows_every_change_at_once(world, client_of):
    client = client_of(world.receiver)
    kept_read(client, _need_url(world))

    services.need_update(need=world.need, by=world.receiver, title="Generators for the clinic")

    text, _queries = page_read(client, _need_url(world))
    assert "Generators for the clinic" in text
    assert "Dressings for the city hospital" not in text


@pytest.mark.parametrize("page", ["need_detail", "need_list"])
def test_a_need_page_kept_for_who_may_see_the_address_never_shows_it_to_others(
    page, world, cast, client_of
):
    url = (
        _need_url(world)
        if page == "need_detail"
        else reverse("aid:need_list", args=[world.partnership.slug])
    )
    coordinator = client_of(world.receiver)
    kept_read(coordinator, url)  # read first by a coordinator of the receiving side, who delivers
    others = [cast[(Role.OBSERVER, RECEIVING)], cast[(Role.PARTNER, DONOR)]]

    for person in others:
        text, _queries = kept_read(client_of(person), url)
        assert world.need.title in text
        assert ADDRESS not in text and "critical infrastructure" not in text.lower()
    assert ADDRESS in page_read(coordinator, url)[0]


def test_an_offer_page_is_kept_and_shows_its_decision_at_once(world, client_of):
    url = reverse("aid:offer_detail", args=[world.partnership.slug, world.offer.pk])
    client = client_of(world.receiver)
    text, queries = kept_read(client, url)
    assert "<title>Offer · Klinikum Dortmund · " in text
    assert "Accept the offer" in text and "decided by" not in text
    assert not read_from(queries, "aid_offer") and not read_from(queries, "aid_offerline")

    services.offer_accept(offer=world.offer, by=world.receiver)

    text, _queries = page_read(client, url)
    assert "decided by" in text and "Accept the offer" not in text


def test_the_dashboard_is_kept_and_counts_a_new_need_at_once(partnership, receiver, client_of):
    url = reverse("aid:dashboard", args=[partnership.slug])
    client = client_of(receiver)
    text, queries = kept_read(client, url)
    assert "<title>Aid dashboard · " in text and "No needs posted yet." in text
    assert not read_from(queries, "aid_need")

    need_post(partnership, receiver, title="Water filters")

    assert "No needs posted yet." not in page_read(client, url)[0]


@pytest.fixture
def packing(partnership, team):
    """A planned shipment of the sending side with a confirmed pledge still to load."""
    shipment = shipment_plan(partnership, team["sender"], reference="CMR-4711")
    pledge_make(partnership, team, item="Tent", quantity=Decimal(10), unit="piece")
    return shipment


def test_a_shipment_page_is_kept_and_shows_a_package_at_once(partnership, team, packing, client_of):
    url = reverse("aid:shipment_detail", args=[partnership.slug, packing.pk])
    client = client_of(team["sender"])
    text, queries = kept_read(client, url)
    assert "<title>CMR-4711 · Shipments · " in text and "No packages yet." in text
    assert not read_from(queries, "aid_shipment") and not read_from(queries, "aid_pledge")

    services.package_add(
        shipment=packing, by=team["sender"], kind="pallet", gross_weight=Decimal(300)
    )

    assert "No packages yet." not in page_read(client, url)[0]


def test_only_who_packs_a_shipment_gets_its_packing_form_and_htmx(
    partnership, team, packing, client_of
):
    url = reverse("aid:shipment_detail", args=[partnership.slug, packing.pk])
    sender, receiver = client_of(team["sender"]), client_of(team["receiver"])
    for client in (sender, receiver):
        kept_read(client, url)

    packs, reads = page_read(sender, url)[0], page_read(receiver, url)[0]
    assert "Add a package" in packs and "vendor/htmx/htmx.min.js" in packs
    assert "Add a package" not in reads and "vendor/htmx" not in reads


@pytest.fixture
def receipt(partnership, donor, receiver):
    """A goods received note of a shipment with one of its two lines short."""
    shipment = shipment_in_transit(partnership, donor, receiver, count=2, reference="CMR-4712")
    return receipt_make(shipment, receiver, quantities=[60, 40])


def test_a_goods_received_note_and_the_open_discrepancies_are_kept_until_one_is_settled(
    partnership, receiver, receipt, client_of
):
    note = reverse("aid:receipt_detail", args=[partnership.slug, receipt.shipment_id])
    listing = reverse("aid:discrepancy_list", args=[partnership.slug])
    client = client_of(receiver)
    text, queries = kept_read(client, note)
    assert "<title>Goods received note ПН-17 · " in text and "1 discrepancy is still open." in text
    assert not read_from(queries, "aid_goodsreceivednote")
    assert not read_from(queries, "aid_receiptline")
    text, queries = kept_read(client, listing)
    assert text.count('name="resolution"') == 1 and not read_from(queries, "aid_receiptline")

    short = receipt.lines.order_by("pk").last()
    services.discrepancy_resolve(line=short, by=receiver, resolution="Sent with the next truck")

    assert "Sent with the next truck" in page_read(client, note)[0]
    assert "No open discrepancies." in page_read(client, listing)[0]


@pytest.mark.parametrize(
    ("name", "table", "shown"),
    [
        ("need_list", "aid_need", "Dressings for the city hospital"),
        ("offer_list", "aid_offer", "Klinikum Dortmund"),
        ("shipment_list", "aid_shipment", "CMR-4711"),
    ],
)
def test_the_lists_are_kept_per_address(name, table, shown, partnership, team, packing, client_of):
    url = reverse(f"aid:{name}", args=[partnership.slug])
    client = client_of(team["receiver"])
    every, queries = kept_read(client, url)
    assert shown in every and not read_from(queries, table)

    other, _queries = kept_read(client, f"{url}?q=nothing-of-the-sort")

    assert shown not in other
