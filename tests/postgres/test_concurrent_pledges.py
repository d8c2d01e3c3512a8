"""Two coordinators confirming pledges from one offer line, or loading one pledge, at the same
moment, on PostgreSQL with real concurrent transactions: the row locks keep the totals within
what was offered, needed and pledged."""

import threading
import time
import uuid
from decimal import Decimal

import pytest
from django.db import connection, connections, transaction

from pobratym.aid import services
from pobratym.aid.models import Pledge, ShipmentLine
from pobratym.core.errors import DomainError
from pobratym.partnerships.models import Role
from tests.aid.factories import need_post, offer_make
from tests.factories import member_create, partnership_create


def while_first_is_open(first, second) -> list:
    """Run `first` in a transaction that stays open for a moment after it is done, and
    `second` meanwhile from another connection; return each one's result or error. Without
    row locks, `second` would read the sums from before `first` and both would pass."""
    results = [None, None]
    first_done = threading.Event()

    def run(index, action, before=None, after=None):
        try:
            with transaction.atomic():
                if before:
                    before()
                results[index] = action()
                if after:
                    after()
        except DomainError as error:
            results[index] = error
        finally:
            connections.close_all()

    def hold():
        first_done.set()
        time.sleep(0.5)

    threads = [
        threading.Thread(target=run, args=(0, first), kwargs={"after": hold}),
        threading.Thread(target=run, args=(1, second), kwargs={"before": first_done.wait}),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def team():
    assert connection.vendor == "postgresql"
    partnership = partnership_create()
    return {
        "partnership": partnership,
        "first": member_create(partnership, Role.COORDINATOR, position=2).user,
        "second": member_create(partnership, Role.COORDINATOR, position=2).user,
        "donor": member_create(partnership, Role.STAFF, position=1).user,
    }


def _confirm(offer_line, need_line, quantity, by):
    return lambda: services.pledge_confirm(
        offer_line=offer_line, need_line=need_line, quantity=Decimal(quantity), by=by
    )


def test_one_offer_line_pledged_to_two_needs_at_once_is_never_over_pledged(team):
    partnership = team["partnership"]
    needs = [need_post(partnership, team["first"]) for _ in range(2)]  # 100 boxes each
    offer_line = offer_make(partnership, team["donor"]).lines.get()  # 60 boxes
    results = while_first_is_open(
        _confirm(offer_line, needs[0].lines.get(), 40, team["first"]),
        _confirm(offer_line, needs[1].lines.get(), 40, team["second"]),
    )
    assert sum(isinstance(result, Pledge) for result in results) == 1
    assert [r.code for r in results if isinstance(r, DomainError)] == ["more_than_offered"]
    assert sum(p.quantity for p in Pledge.objects.filter(offer_line=offer_line)) == 40


def test_two_offers_for_one_need_line_at_once_never_cover_it_twice(team):
    partnership = team["partnership"]
    need_line = need_post(partnership, team["first"]).lines.get()  # 100 boxes
    offers = [offer_make(partnership, team["donor"]).lines.get() for _ in range(2)]
    more = offer_make(
        partnership, team["donor"], lines=[{"item": "Bandage", "quantity": 60, "unit": "box"}]
    ).lines.get()
    services.pledge_confirm(offer_line=more, need_line=need_line, quantity=40, by=team["first"])
    results = while_first_is_open(
        _confirm(offers[0], need_line, 60, team["first"]),
        _confirm(offers[1], need_line, 60, team["second"]),
    )
    assert sum(isinstance(result, Pledge) for result in results) == 1
    assert [r.code for r in results if isinstance(r, DomainError)] == ["more_than_needed"]
    assert sum(p.quantity for p in Pledge.objects.filter(need_line=need_line)) == 100


def test_one_pledge_loaded_on_two_shipments_at_once_is_never_loaded_twice(team):
    partnership = team["partnership"]
    need_line = need_post(partnership, team["first"]).lines.get()
    offer_line = offer_make(partnership, team["donor"]).lines.get()
    pledge = services.pledge_confirm(
        offer_line=offer_line, need_line=need_line, quantity=60, by=team["first"]
    )
    loader = member_create(partnership, Role.COORDINATOR, position=1).user
    shipments = [
        services.shipment_create(partnership=partnership, by=by, idempotency_key=uuid.uuid4())
        for by in (team["donor"], loader)
    ]

    def load(shipment, by):
        return lambda: services.shipment_line_set(
            shipment=shipment, by=by, pledge=pledge, quantity=Decimal(40)
        )

    results = while_first_is_open(load(shipments[0], team["donor"]), load(shipments[1], loader))
    assert sum(isinstance(result, ShipmentLine) for result in results) == 1
    assert [r.code for r in results if isinstance(r, DomainError)] == ["more_than_pledged"]
    assert sum(line.quantity for line in ShipmentLine.objects.filter(pledge=pledge)) == 40
