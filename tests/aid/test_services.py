"""Needs, offers and pledges through their services: who may, what is refused, and that a
retried request creates nothing twice."""

import uuid
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from pobratym.aid import services
from pobratym.aid.models import Need, NeedLine, Offer, OfferStatus, Pledge
from pobratym.core.errors import Conflict, DomainError
from pobratym.partnerships.models import Role
from tests.aid.factories import need_post, offer_make
from tests.factories import member_create

pytestmark = pytest.mark.django_db


def test_need_is_posted_for_the_posters_own_side_with_its_lines(partnership, receiver):
    need = need_post(
        partnership,
        receiver,
        lines=[
            {"item": "  Bandage ", "quantity": Decimal(100), "unit": "box"},
            {"item": "Генератор 5 кВт", "quantity": Decimal(2), "unit": "piece"},
        ],
    )
    assert need.side == partnership.sides.get(position=2)
    assert need.public is False
    assert [line.item_key for line in need.lines.order_by("pk")] == ["bandage", "генератор 5 квт"]
    assert need.history.count() == 1
    assert need.history.first().history_user == receiver


def test_the_same_key_twice_creates_one_need_and_one_offer(partnership, receiver, donor):
    key = uuid.uuid4()
    first = need_post(partnership, receiver, idempotency_key=key)
    again = need_post(partnership, receiver, idempotency_key=key)
    assert again.pk == first.pk
    assert Need.objects.count() == 1 and NeedLine.objects.count() == 1
    with pytest.raises(Conflict):
        need_post(partnership, receiver, idempotency_key=key, title="Sent again, changed")
    assert Need.objects.count() == 1
    offer_key = uuid.uuid4()
    offer = offer_make(partnership, donor, idempotency_key=offer_key)
    assert offer_make(partnership, donor, idempotency_key=offer_key).pk == offer.pk
    assert Offer.objects.count() == 1


def test_the_same_key_from_another_person_is_another_need(partnership, receiver):
    colleague = member_create(partnership, Role.STAFF, position=2).user
    key = uuid.uuid4()
    need_post(partnership, receiver, idempotency_key=key)
    need_post(partnership, colleague, idempotency_key=key)
    assert Need.objects.count() == 2


@pytest.mark.parametrize("role", [Role.PARTNER, Role.OBSERVER, Role.SIGNATORY])
def test_only_coordinators_and_staff_post_needs(partnership, role):
    person = member_create(partnership, role, position=2).user
    with pytest.raises(PermissionDenied):
        need_post(partnership, person)


def test_outsiders_post_nothing(partnership, outsider):
    with pytest.raises(PermissionDenied):
        need_post(partnership, outsider)
    with pytest.raises(PermissionDenied):
        offer_make(partnership, outsider)


@pytest.mark.parametrize(
    ("line", "code"),
    [
        ({"item": "Bandage", "quantity": Decimal(0), "unit": "box"}, "quantity_not_positive"),
        ({"item": "Bandage", "quantity": Decimal(-3), "unit": "box"}, "quantity_not_positive"),
        ({"item": "Bandage", "quantity": Decimal(1), "unit": "barrel"}, "invalid"),
    ],
)
def test_bad_lines_are_refused_and_nothing_is_kept(partnership, receiver, line, code):
    with pytest.raises(DomainError) as error:
        need_post(partnership, receiver, lines=[line])
    assert error.value.code == code
    assert not Need.objects.exists()


def test_an_offer_line_of_negative_value_is_refused(partnership, donor):
    line = {"item": "Bandage", "quantity": Decimal(1), "unit": "box", "estimated_value": -1}
    with pytest.raises(DomainError) as error:
        offer_make(partnership, donor, lines=[line])
    assert error.value.code == "value_negative"
    assert not Offer.objects.exists()


def test_a_need_without_lines_is_refused(partnership, receiver):
    with pytest.raises(DomainError) as error:
        services.need_create(
            partnership=partnership,
            by=receiver,
            lines=[],
            idempotency_key=uuid.uuid4(),
            kind="goods",
            sector="other",
            title="Nothing",
            institution="School 5",
            institution_type="school",
            area="Zhytomyr",
        )
    assert error.value.code == "no_lines"


def test_only_a_coordinator_of_the_receiving_side_publishes(partnership, receiver):
    need = need_post(partnership, receiver)
    other_coordinator = member_create(partnership, Role.COORDINATOR, position=1).user
    staff = member_create(partnership, Role.STAFF, position=2).user
    for person in (other_coordinator, staff):
        with pytest.raises(PermissionDenied):
            services.need_publish(need=need, by=person, public=True)
    assert services.need_publish(need=need, by=receiver, public=True).public is True


def test_a_closed_need_takes_no_changes_and_no_pledges(partnership, receiver, donor):
    need = need_post(partnership, receiver)
    offer = offer_make(partnership, donor, need=need)
    services.need_close(need=need, by=receiver)
    with pytest.raises(DomainError) as error:
        services.need_update(need=need, by=receiver, title="Changed")
    assert error.value.code == "need_ended"
    with pytest.raises(DomainError):
        services.pledge_confirm(
            offer_line=offer.lines.get(),
            need_line=need.lines.get(),
            quantity=Decimal(1),
            by=receiver,
        )
    with pytest.raises(DomainError):
        services.need_cancel(need=need, by=receiver)


def test_partner_organisations_offer_from_their_own_side(partnership, receiver):
    company = member_create(partnership, Role.PARTNER, position=1).user
    offer = offer_make(partnership, company, donor="Stahlwerk GmbH", donor_kind="company")
    assert offer.side == partnership.sides.get(position=1)
    assert offer.status == OfferStatus.OPEN
    assert offer.lines.get().currency == "EUR"


def test_an_offer_line_answers_only_its_own_need_in_the_same_unit(partnership, receiver, donor):
    need = need_post(partnership, receiver)
    other = need_post(partnership, receiver)
    with pytest.raises(DomainError) as error:
        offer_make(
            partnership,
            donor,
            need=need,
            lines=[
                {"item": "Bandage", "quantity": 5, "unit": "box", "need_line": other.lines.get()}
            ],
        )
    assert error.value.code == "other_need"
    with pytest.raises(DomainError) as error:
        offer_make(
            partnership,
            donor,
            need=need,
            lines=[{"item": "Bandage", "quantity": 5, "unit": "kg", "need_line": need.lines.get()}],
        )
    assert error.value.code == "unit_mismatch"


def test_the_receiving_coordinator_accepts_or_declines_a_free_offer(partnership, receiver, donor):
    offer = offer_make(partnership, donor)
    with pytest.raises(PermissionDenied):
        services.offer_accept(offer=offer, by=member_create(partnership, "coordinator", 1).user)
    offer = services.offer_decline(offer=offer, by=receiver)
    assert offer.status == OfferStatus.DECLINED
    with pytest.raises(DomainError) as error:
        services.offer_accept(offer=offer, by=receiver)
    assert error.value.code == "offer_decided"


def _pledge(offer, need, quantity, by, line=0):
    return services.pledge_confirm(
        offer_line=offer.lines.order_by("pk")[line],
        need_line=need.lines.order_by("pk")[line],
        quantity=Decimal(quantity),
        by=by,
    )


def test_a_pledge_accepts_the_offer_and_records_who_confirmed(partnership, receiver, donor):
    need = need_post(partnership, receiver)
    offer = offer_make(partnership, donor, need=need)
    pledge = _pledge(offer, need, 60, receiver)
    assert pledge.confirmed_by == receiver and pledge.quantity == 60
    offer.refresh_from_db()
    assert offer.status == OfferStatus.ACCEPTED


def test_nobody_pledges_more_than_the_offer_line_has_left(partnership, receiver, donor):
    first = need_post(partnership, receiver)
    second = need_post(partnership, receiver)
    offer = offer_make(partnership, donor)  # 60 boxes, free
    _pledge(offer, first, 50, receiver)
    with pytest.raises(DomainError) as error:
        _pledge(offer, second, 11, receiver)
    assert error.value.code == "more_than_offered"
    assert "10" in error.value.message
    assert _pledge(offer, second, 10, receiver).quantity == 10
    assert Pledge.objects.count() == 2


def test_nobody_pledges_more_than_the_need_line_still_needs(partnership, receiver, donor):
    need = need_post(
        partnership, receiver, lines=[{"item": "Bandage", "quantity": 5, "unit": "box"}]
    )
    offer = offer_make(partnership, donor)
    with pytest.raises(DomainError) as error:
        _pledge(offer, need, 6, receiver)
    assert error.value.code == "more_than_needed"


def test_units_must_match_and_declined_offers_cannot_be_pledged(partnership, receiver, donor):
    need = need_post(partnership, receiver)
    in_kg = offer_make(partnership, donor, lines=[{"item": "Bandage", "quantity": 5, "unit": "kg"}])
    with pytest.raises(DomainError) as error:
        _pledge(in_kg, need, 1, receiver)
    assert error.value.code == "unit_mismatch"
    declined = services.offer_decline(offer=offer_make(partnership, donor), by=receiver)
    with pytest.raises(DomainError) as error:
        _pledge(declined, need, 1, receiver)
    assert error.value.code == "offer_not_open"


def test_only_a_coordinator_of_the_receiving_side_confirms_pledges(partnership, receiver, donor):
    need = need_post(partnership, receiver)
    offer = offer_make(partnership, donor)
    donor_coordinator = member_create(partnership, Role.COORDINATOR, position=1).user
    receiving_staff = member_create(partnership, Role.STAFF, position=2).user
    for person in (donor_coordinator, receiving_staff, donor):
        with pytest.raises(PermissionDenied):
            _pledge(offer, need, 1, person)
    assert not Pledge.objects.exists()


def test_an_offer_for_one_need_is_not_pledged_to_another(partnership, receiver, donor):
    need = need_post(partnership, receiver)
    other = need_post(partnership, receiver)
    offer = offer_make(partnership, donor, need=need)
    with pytest.raises(DomainError) as error:
        _pledge(offer, other, 1, receiver)
    assert error.value.code == "other_need"
