"""Declining an offer asks first (GET) on a page that says what will happen; accepting is
done at once from the offer's page."""

import pytest
from django.urls import reverse

from pobratym.aid.models import Offer
from pobratym.partnerships.models import Role
from tests.aid.page_factories import DONOR

pytestmark = pytest.mark.django_db


def _url(name, world):
    return reverse(f"aid:{name}", args=[world.partnership.slug, world.offer.pk])


def test_declining_an_offer_asks_first_then_declines_it(world, client_of):
    address = _url("offer_decide", world)
    client = client_of(world.receiver)

    assert f'href="{address}"' in client.get(_url("offer_detail", world)).content.decode()
    page = client.get(address)

    text = page.content.decode()
    assert page.status_code == 200
    assert "What will happen" in text
    assert "Yes, decline the offer" in text
    assert 'name="decision" value="decline"' in text
    assert "kern-btn--danger" in text
    world.offer.refresh_from_db()
    assert world.offer.status == Offer.Status.OPEN

    assert client.post(address, {"decision": "decline"}).status_code == 302
    world.offer.refresh_from_db()
    assert world.offer.status == Offer.Status.DECLINED


def test_a_decided_offer_says_so_on_the_confirmation_page(world, client_of):
    client = client_of(world.receiver)
    client.post(_url("offer_decide", world), {"decision": "accept"})

    page = client.get(_url("offer_decide", world))

    assert "This offer has already been decided." in page.content.decode()


def test_the_donor_side_is_not_asked_to_decline(world, cast, client_of):
    page = client_of(cast[(Role.COORDINATOR, DONOR)]).get(_url("offer_decide", world))

    assert page.status_code == 403
