"""My work as a page and as the top bar's count: items of every domain, each linking to where
the person acts, in a fixed number of queries however many there are."""

import itertools
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from pobratym.accounts.models import User
from pobratym.agreements.services import agreements as agreement_services
from pobratym.core import formatting
from pobratym.partnerships.models import Role
from pobratym.partnerships.services import membership_add
from pobratym.partnerships.work import work_count
from tests.agreements.factories import agreement_draft
from tests.aid.factories import need_post, offer_make
from tests.aid.receipt_factories import receipt_make, shipment_in_transit
from tests.conversations.factories import thread_start
from tests.factories import invitation_make, member_create, partnership_create

pytestmark = pytest.mark.django_db

_numbers = itertools.count()
KINDS = 7  # unread thread, offer, goods received note, discrepancy, deadline, signature, invitation


@pytest.fixture
def person(partnership, other_partnership):
    """The coordinator of side 2 (the receiving side) of one partnership and a signatory of
    side 1 of another."""
    person = member_create(partnership, Role.COORDINATOR, position=2).user
    membership_add(side=other_partnership.sides.get(position=1), user=person, role=Role.SIGNATORY)
    return person


def _grow(partnership, second, person, count: int) -> None:
    """`count` items of every kind for `person`."""
    donor = member_create(partnership, Role.STAFF, position=1).user
    author = member_create(partnership, Role.STAFF, position=2).user
    coordinator = member_create(second, Role.COORDINATOR, position=1).user
    soon = timezone.localdate() + timedelta(days=3)
    for number in itertools.islice(_numbers, count):
        offer_make(partnership, donor, donor=f"Donor {number}")
        damaged = shipment_in_transit(partnership, donor, person, reference=f"A-{number}")
        receipt_make(damaged, author, states=["damaged"])
        shipment_in_transit(partnership, donor, person, reference=f"B-{number}")
        need_post(partnership, person, title=f"Need {number}", needed_by=soon)
        thread_start(partnership, author, subject=f"Thread {number}")
        agreement = agreement_draft(second, coordinator, title=f"Agreement {number}")
        agreement_services.version_propose(version=agreement.versions.get(), by=coordinator)
        invitation_make(partnership_create(), email=person.email)


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_my_work_lists_an_item_of_every_kind_with_its_link(
    partnership, other_partnership, person, client_of
):
    _grow(partnership, other_partnership, person, 1)

    response = client_of(person).get("/uk/")

    page = response.content.decode()
    items = response.context["items"]
    assert len(items) == KINDS
    for item in items:
        assert f'href="{item.url}"' in page
    assert f"({KINDS})" in page  # the top bar's count


def test_my_work_makes_as_many_queries_for_many_items_as_for_one(
    partnership, other_partnership, person, client_of, django_assert_num_queries
):
    client = client_of(person)
    _grow(partnership, other_partnership, person, 1)
    client.get("/uk/")  # warm the caches (session, content types)
    few = _queries(client, "/uk/")

    _grow(partnership, other_partnership, person, 3)

    with django_assert_num_queries(few):
        response = client.get("/uk/")
    assert len(response.context["items"]) == 4 * KINDS


def test_top_bar_count_costs_the_same_with_many_items_as_with_one(
    partnership, other_partnership, person, client_of, django_assert_num_queries
):
    client = client_of(person)
    url = reverse("profile")
    _grow(partnership, other_partnership, person, 1)
    client.get(url)
    one = _queries(client, url)

    _grow(partnership, other_partnership, person, 2)

    with django_assert_num_queries(one):
        response = client.get(url)
    assert f"My work ({3 * KINDS})" in response.content.decode()


def test_my_work_of_someone_in_no_partnership_is_empty(client_of):
    from tests.factories import UserFactory

    response = client_of(UserFactory()).get("/en/")

    assert response.context["items"] == []
    assert "My work (0)" in response.content.decode()


def test_top_bar_counts_every_kind_in_two_queries(
    partnership, other_partnership, person, django_assert_num_queries
):
    _grow(partnership, other_partnership, person, 2)
    fresh = User.objects.get(pk=person.pk)

    with django_assert_num_queries(2):  # the person's memberships, and one count
        assert work_count(fresh) == 2 * KINDS


def test_my_work_shows_due_dates_as_the_readers_language_writes_them(
    partnership, person, client_of
):
    soon = timezone.localdate() + timedelta(days=3)
    need_post(partnership, person, title="Generators", needed_by=soon)
    with translation.override("uk"):
        due = formatting.day(soon)

    page = client_of(person).get("/uk/").content.decode()

    assert f"Строк: {due}" in page
