"""The pages the benchmark times make as many SQL queries with much aid as with little: the
needs list, a need's page, the dashboard and the HXL exports, for the receiving side's
coordinator (who sees everything) and the donor side's staff (from whom details are hidden).

Each test measures a page, adds needs with lines, offers, pledges, shipments and goods
received notes, measures again, and checks the page did show the added records."""

import csv
import io
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from pobratym.aid import services
from tests.aid.factories import need_post, offer_make
from tests.aid.receipt_factories import receipt_make, shipment_in_transit
from tests.downloads import body

pytestmark = pytest.mark.django_db


def _grow(partnership, team, rounds: int) -> None:
    """Per round, two needs: one shipped in three lines, public, every other one received
    with a damaged line; one still open with two lines, and a free offer matching it."""
    receiver, donor = team["receiver"], team["sender"]
    for index in range(rounds):
        shipment = shipment_in_transit(partnership, donor, receiver, count=3)
        need = shipment.lines.first().pledge.need_line.need
        services.need_publish(need=need, by=receiver, public=True)
        if index % 2 == 0:
            receipt_make(shipment, receiver, states=["intact", "damaged", "intact"])
        need_post(
            partnership,
            receiver,
            critical_infrastructure=True,
            lines=[
                {"item": f"Generator {index}", "quantity": Decimal(4), "unit": "piece"},
                {"item": "Diesel fuel", "quantity": Decimal(500), "unit": "l"},
            ],
        )
        offer_make(
            partnership,
            donor,
            lines=[{"item": f"generator {index}", "quantity": Decimal(2), "unit": "piece"}],
        )


def _measure(client: Client, url: str) -> tuple[list[str], object]:
    """The SQL statements of one request, after one to fill what a process caches once."""
    client.get(url)
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
        response.body_text = body(response).decode()  # a streamed export reads as it is sent
    assert response.status_code == 200, url
    return [query["sql"] for query in context.captured_queries], response


def _same_count(small: list[str], large: list[str]) -> None:
    assert len(large) == len(small), (
        f"{len(small)} queries with little aid, {len(large)} with more:\n" + "\n".join(large)
    )


def _url(name: str, **kwargs) -> str:
    with translation.override("en"):
        return reverse(name, kwargs=kwargs)


def _viewers(client_of, team) -> dict[str, Client]:
    """The receiving side's coordinator sees every detail; the donor side's staff has them
    hidden row by row, the other way a page can cost a query per record."""
    return {who: client_of(person) for who, person in team.items()}


def _rows(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.body_text)))


def test_needs_list_queries_do_not_grow_with_the_needs(partnership, team, client_of):
    url = _url("aid:need_list", slug=partnership.slug) + "?sector=health"
    _grow(partnership, team, 1)
    small = {who: _measure(client, url) for who, client in _viewers(client_of, team).items()}
    _grow(partnership, team, 5)
    for who, client in _viewers(client_of, team).items():
        large, response = _measure(client, url)
        before = small[who][1].context["page"].object_list
        assert len(response.context["page"].object_list) == len(before) + 10
        _same_count(small[who][0], large)


def test_need_page_queries_do_not_grow_with_lines_pledges_shipments_and_offers(
    partnership, team, client_of
):
    receiver, donor = team["receiver"], team["sender"]
    few = shipment_in_transit(partnership, donor, receiver, count=1)
    receipt_make(few, receiver)
    need_line = few.lines.get().pledge.need_line
    # One matching offer: the translations of matches are read once there are any, in one
    # query however many.
    offer_make(
        partnership, donor, lines=[{"item": need_line.item, "quantity": Decimal(5), "unit": "box"}]
    )
    url = _url("aid:need_detail", slug=partnership.slug, need_id=need_line.need_id)
    small = {who: _measure(client, url)[0] for who, client in _viewers(client_of, team).items()}

    many = shipment_in_transit(partnership, donor, receiver, count=8)
    receipt_make(many, receiver, states=["intact", "damaged", *["intact"] * 6])
    # Offers that match its lines: the page suggests each of them.
    for index in range(4):
        offer_make(
            partnership,
            donor,
            lines=[{"item": f"Bandage {index}", "quantity": Decimal(10), "unit": "box"}],
        )
    _grow(partnership, team, 2)
    need_id = many.lines.first().pledge.need_line.need_id
    url = _url("aid:need_detail", slug=partnership.slug, need_id=need_id)
    for who, client in _viewers(client_of, team).items():
        large, response = _measure(client, url)
        assert len(response.context["lines"]) == 8
        _same_count(small[who], large)


def test_dashboard_queries_do_not_grow_with_the_aid(partnership, team, client_of):
    url = _url("aid:dashboard", slug=partnership.slug)
    _grow(partnership, team, 1)
    small = {who: _measure(client, url)[0] for who, client in _viewers(client_of, team).items()}
    _grow(partnership, team, 5)
    for who, client in _viewers(client_of, team).items():
        large, response = _measure(client, url)
        assert response.context["figures"].totals.pledges == 6 * 3
        _same_count(small[who], large)


def test_public_hxl_export_queries_do_not_grow_with_the_needs(partnership, team):
    client = Client()
    url = f"/api/v1/partnerships/{partnership.slug}/aid.hxl.csv"
    _grow(partnership, team, 1)
    small, response = _measure(client, url)
    assert len(_rows(response)) == 2 + 3
    _grow(partnership, team, 5)
    large, response = _measure(client, url)
    assert len(_rows(response)) == 2 + 6 * 3
    _same_count(small, large)


def test_members_hxl_export_queries_do_not_grow_with_the_needs(partnership, team, client_of):
    url = _url("aid:need_hxl", slug=partnership.slug)
    _grow(partnership, team, 1)
    small = {who: _measure(client, url) for who, client in _viewers(client_of, team).items()}
    _grow(partnership, team, 5)
    for who, client in _viewers(client_of, team).items():
        large, response = _measure(client, url)
        # Every need a member sees, public or not: 3 + 2 lines per round.
        assert len(_rows(small[who][1])) == 2 + 5
        assert len(_rows(response)) == 2 + 6 * 5
        _same_count(small[who][0], large)
