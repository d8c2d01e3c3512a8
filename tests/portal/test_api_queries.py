"""The API's answers to a visitor cost the same number of queries however many public
projects, events, needs and agreements a partnership has."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tests.agreements.factories import agreement_in_force, people
from tests.portal.test_queries import _add

pytestmark = pytest.mark.django_db

ADDRESSES = [
    "/api/v1/partnerships/",
    "/api/v1/cities",
    "/api/v1/events",
    "/api/v1/partnerships/{slug}",
    "/api/v1/partnerships/{slug}/focus-areas",
    "/api/v1/partnerships/{slug}/projects",
    "/api/v1/partnerships/{slug}/aid/needs",
    "/api/v1/partnerships/{slug}/agreements",
]


def _count(client, address) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(address)
    assert response.status_code == 200, address
    return len(queries)


@pytest.mark.parametrize("address", ADDRESSES)
def test_a_visitors_list_keeps_its_number_of_queries(partnership, cast, address):
    address = address.format(slug=partnership.slug)
    client = Client()
    team = people(partnership)
    _add(partnership, cast, 1)
    agreement_in_force(partnership, team)
    client.get(address)  # the first request warms what every request shares
    few = _count(client, address)

    _add(partnership, cast, 4)
    for _number in range(3):
        agreement_in_force(partnership, team)

    assert _count(client, address) == few
