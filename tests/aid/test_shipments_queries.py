"""The shipment list, page and papers make as many SQL queries for many shipments, packages
and lines as for few."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from pobratym.aid import services
from tests.aid.shipment_factories import pledge_make, shipment_loaded

pytestmark = pytest.mark.django_db

# Session, user, membership, partnership, sides, My work's count in the top bar (the person's
# memberships and one count), the shipment's records and the form choices;
# the page's translations into the reader's language: of the shipment, of its carrier (an
# organisation of the directory), of its stages' notes, and of the items and needs loaded and
# to load; the papers' translations in German and Ukrainian: of the shipment, of the items,
# and of the donors and carrier (organisations). The page's sections other parts add
# (partnerships.related): the projects it serves, one read.
LIST_QUERIES = 13
DETAIL_QUERIES = 24
PDF_QUERIES = 19


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def _fill(partnership, team, size: int):
    """`size` shipments, the first with `size` packages and `size` loaded pledges, and `size`
    pledges waiting to be loaded."""
    shipments = [
        shipment_loaded(partnership, team, pledges=size, packages=size) for _index in range(size)
    ]
    for _index in range(size):
        pledge_make(partnership, team)
    services.shipment_advance(shipment=shipments[-1], by=team["sender"], status="packing")
    return shipments[0]


@pytest.mark.parametrize("size", [1, 4])
def test_the_list_makes_the_same_queries_for_any_number_of_shipments(
    partnership, team, client_of, django_assert_max_num_queries, size
):
    _fill(partnership, team, size)
    client = client_of(team["receiver"])
    url = reverse("aid:shipment_list", args=[partnership.slug])
    client.get(url)

    with django_assert_max_num_queries(LIST_QUERIES):
        client.get(url)


@pytest.mark.parametrize("size", [1, 4])
def test_the_shipment_page_makes_the_same_queries_for_any_load(
    partnership, team, client_of, django_assert_max_num_queries, size
):
    shipment = _fill(partnership, team, size)
    client = client_of(team["sender"])  # who sees the forms and the pledges to load
    url = reverse("aid:shipment_detail", args=[partnership.slug, shipment.pk])
    client.get(url)

    with django_assert_max_num_queries(DETAIL_QUERIES):
        client.get(url)


@pytest.mark.parametrize("document", ["packing-list", "waybill", "donation-certificate"])
def test_the_papers_make_the_same_queries_for_any_load(partnership, team, client_of, document):
    counts = []
    for size in (1, 3):
        shipment = shipment_loaded(partnership, team, pledges=size, packages=size)
        url = reverse("aid:shipment_pdf", args=[partnership.slug, shipment.pk, document])
        client = client_of(team["sender"])
        client.get(url)  # what a process reads once (the content types of translated records)
        counts.append(_count(client, url))
    assert counts[0] == counts[1] <= PDF_QUERIES


def test_list_and_page_counts_do_not_grow_between_sizes(partnership, team, client_of):
    client = client_of(team["sender"])
    counts = []
    for size in (1, 4):
        shipment = _fill(partnership, team, size)
        # What a process reads once (the content types of translated records).
        client.get(reverse("aid:shipment_detail", args=[partnership.slug, shipment.pk]))
        counts.append(
            (
                _count(client, reverse("aid:shipment_list", args=[partnership.slug])),
                _count(
                    client, reverse("aid:shipment_detail", args=[partnership.slug, shipment.pk])
                ),
            )
        )
    assert counts[0] == counts[1]
