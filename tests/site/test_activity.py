"""Recent activity on the overview: every domain's events, newest first and at most 15, in a
fixed number of queries however much happened."""

import itertools

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape

from pobratym.accounts.models import User
from pobratym.agreements.services import agreements as agreement_services
from pobratym.core import formatting
from pobratym.partnerships.activity import LIMIT
from pobratym.partnerships.models import Role
from tests.activity import events_of
from tests.agreements.factories import agreement_draft, sign
from tests.agreements.letter_factories import letter_register
from tests.aid.receipt_factories import receipt_make, shipment_in_transit
from tests.conversations.factories import thread_start
from tests.factories import member_create

pytestmark = pytest.mark.django_db

_numbers = itertools.count()


def _happen(partnership, team, count: int) -> None:
    """`count` events of every kind."""
    for number in itertools.islice(_numbers, count):
        shipment = shipment_in_transit(
            partnership, team["staff1"], team["coordinator2"], reference=f"R-{number}"
        )
        receipt_make(shipment, team["coordinator2"])
        thread_start(partnership, team["staff1"], subject=f"Thread {number}")
        letter_register(partnership, team["staff1"])
        agreement = agreement_draft(partnership, team["coordinator1"], title=f"A {number}")
        version = agreement_services.version_propose(
            version=agreement.versions.get(), by=team["coordinator1"]
        )
        sign(agreement, team["signatory1"], version.fingerprint)


@pytest.fixture
def team(partnership):
    return {
        f"{role}{side}": member_create(partnership, role, position=side).user
        for role, side in [
            (Role.COORDINATOR, 1),
            (Role.COORDINATOR, 2),
            (Role.STAFF, 1),
            (Role.SIGNATORY, 1),
        ]
    }


def _queries(client, url: str):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured), response


def test_overview_shows_the_newest_events_of_every_domain_in_fixed_queries(
    partnership, team, client_of, django_assert_num_queries
):
    client = client_of(team["coordinator1"])
    url = reverse("partnerships:dashboard", args=[partnership.slug])
    _happen(partnership, team, 1)
    client.get(url)
    few, response = _queries(client, url)
    whats = {str(event.what) for event in response.context["dashboard"].recent_activity}
    assert {"Need posted", "Pledge confirmed", "Shipment dispatched", "Goods received"} <= whats
    assert {"Letter registered", "Proposed for signature"} <= whats

    _happen(partnership, team, 4)

    with django_assert_num_queries(few):
        response = client.get(url)
    events = response.context["dashboard"].recent_activity
    assert len(events) == LIMIT
    assert [event.when for event in events] == sorted(
        (event.when for event in events), reverse=True
    )
    for event in events:
        assert f'href="{event.url}"' in response.content.decode()


def test_joining_shows_on_the_overview(partnership, team):
    newcomer = member_create(partnership, Role.OBSERVER, position=2).user

    [event] = [
        e for e in events_of(team["staff1"], partnership, "Joined") if newcomer.name in e.title
    ]
    assert event.url == reverse("partnerships:members", args=[partnership.slug])


def test_each_event_shows_its_date_and_time_as_the_readers_language_and_city_write_it(
    partnership, team, client_of
):
    reader = team["coordinator2"]
    User.objects.filter(pk=reader.pk).update(time_zone="Europe/Kyiv")
    _happen(partnership, team, 1)
    with translation.override("de"):
        url = reverse("partnerships:dashboard", args=[partnership.slug])

    response = client_of(reader).get(url)

    page = response.content.decode()
    events = response.context["dashboard"].recent_activity
    with translation.override("de"), timezone.override("Europe/Kyiv"):
        shown = [formatting.moment(event.when) for event in events]
    for text in shown:
        assert f">{escape(text)}</time>" in page
    assert "Kyjiwer Zeit" in shown[0]
