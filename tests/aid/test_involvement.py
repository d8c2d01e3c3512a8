"""An organisation's page in the directory lists the aid it took part in (directory.involvement,
registered by aid): offers it made, pledges of them, shipments it carried or that carried its
gifts; for members only, without a need's sensitive details, in a fixed number of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from pobratym.aid import services
from pobratym.directory.involvement import ROWS, involvement_of
from pobratym.partnerships.models import Role
from tests.aid.factories import offer_make
from tests.aid.page_factories import ADDRESS
from tests.aid.shipment_factories import pledge_make, shipment_plan
from tests.factories import member_create

pytestmark = pytest.mark.django_db


def _involved(partnership, team, pledges: int):
    """Klinikum Dortmund with `pledges` pledges, one free offer, a shipment carrying the first
    pledge and one it carries itself."""
    pledged = [
        pledge_make(partnership, team, item=f"Item {n}", address=ADDRESS) for n in range(pledges)
    ]
    clinic = pledged[0].offer_line.offer.donor
    offer_make(partnership, team["sender"], donor=clinic)
    loaded = shipment_plan(partnership, team["sender"])
    services.shipment_line_set(
        shipment=loaded, by=team["sender"], pledge=pledged[0], quantity=pledged[0].quantity
    )
    shipment_plan(partnership, team["sender"], carrier=clinic, carrier_name="")
    return clinic


def _page(client, organisation):
    url = reverse(
        "directory:organisation_detail", args=[organisation.partnership.slug, organisation.pk]
    )
    return client.get(url)


def test_a_member_of_either_city_sees_what_the_donor_took_part_in(partnership, team, client_of):
    clinic = _involved(partnership, team, pledges=2)
    observer = member_create(partnership, Role.OBSERVER, position=2).user

    response = _page(client_of(observer), clinic)

    html = response.content.decode()
    sections = {section.title: section for section in response.context["involvement"]}
    assert response.status_code == 200
    assert {title: section.total for title, section in sections.items()} == {
        "Offers": 3,
        "Pledges": 2,
        "Shipments": 2,
    }
    assert {row.role for row in sections["Shipments"].rows} == {"carrier", "goods it gave"}
    assert "Free offer" in html and "Offer for “Dressings for the city hospital”" in html
    assert ADDRESS not in html and "critical" not in html.lower()


def test_an_organisation_without_aid_shows_nothing_of_it(partnership, team, client_of):
    other = shipment_plan(partnership, team["sender"]).carrier

    response = _page(client_of(team["receiver"]), other)

    assert [section.title for section in response.context["involvement"]] == ["Shipments"]


def test_someone_outside_the_partnership_sees_no_involvement(
    partnership, team, outsider, client_of
):
    clinic = _involved(partnership, team, pledges=1)

    assert involvement_of(outsider, clinic) == []
    assert _page(client_of(outsider), clinic).status_code == 404


def test_each_section_shows_the_newest_few_and_counts_them_all(partnership, team):
    clinic = _involved(partnership, team, pledges=ROWS + 2)

    pledges = {section.title: section for section in involvement_of(team["receiver"], clinic)}[
        "Pledges"
    ]

    assert (len(pledges.rows), pledges.total, pledges.more) == (ROWS, ROWS + 2, 2)
    assert "Item" in pledges.rows[0].title and "“Dressings" in pledges.rows[0].title


def _queries(client, organisation) -> int:
    _page(client, organisation)  # what a process reads once
    with CaptureQueriesContext(connection) as queries:
        assert _page(client, organisation).status_code == 200
    return len(queries)


def test_the_involvement_keeps_its_number_of_queries(partnership, team, client_of):
    clinic = _involved(partnership, team, pledges=1)
    client = client_of(team["receiver"])
    few = _queries(client, clinic)

    for _round in range(3):
        _involved(partnership, team, pledges=3)
        offer_make(partnership, team["sender"], donor=clinic)

    assert _queries(client, clinic) == few
    assert clinic.offers.count() > ROWS
