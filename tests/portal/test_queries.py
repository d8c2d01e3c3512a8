"""The public pages cost the same number of queries however many public projects, events,
news posts and needs a partnership has."""

from decimal import Decimal

import pytest
from django.test import Client

from pobratym.aid import services as aid
from pobratym.partnerships.models import Role
from tests.aid.factories import need_post
from tests.exchanges.factories import event_add
from tests.portal.factories import news_add
from tests.projects.conftest import project_add

pytestmark = pytest.mark.django_db


def _add(partnership, cast, number: int) -> None:
    office, receiver = cast[(Role.STAFF, 1)], cast[(Role.COORDINATOR, 2)]
    for index in range(number):
        project_add(partnership, office, title=f"Project {index}", public=True)
        event_add(partnership, office, public=True)
        news_add(partnership, cast[(Role.COORDINATOR, 1)], title=f"News {index}")
        need = need_post(
            partnership,
            receiver,
            lines=[{"item": f"Item {index}", "quantity": Decimal(5), "unit": "piece"}],
        )
        aid.need_publish(need=need, by=receiver, public=True)


@pytest.mark.parametrize(
    "address",
    ["/en/p/{slug}/", "/uk/p/{slug}/news.atom", "/en/", "/sitemap.xml"],
)
def test_a_public_page_keeps_its_number_of_queries(
    partnership, cast, address, django_assert_max_num_queries
):
    address = address.format(slug=partnership.slug)
    client = Client()
    _add(partnership, cast, 1)
    client.get(address)
    with django_assert_max_num_queries(40) as few:
        assert client.get(address).status_code == 200
    _add(partnership, cast, 4)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(address)
