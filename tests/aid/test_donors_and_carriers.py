"""Donors and carriers are organisations of the directory (decision 0019): chosen there or
named anew on the offer and shipment forms and in the API, found by name rather than added
twice, and refused with a clear message when they belong to the other city or partnership."""

import uuid
from decimal import Decimal

import pytest
from django.urls import reverse

from pobratym.aid.models import Offer, Shipment
from pobratym.core.errors import DomainError
from pobratym.directory.models import Organisation
from pobratym.partnerships.models import Role
from tests.aid.factories import offer_make
from tests.aid.page_factories import offer_form
from tests.aid.shipment_factories import shipment_plan
from tests.aid.test_api import base, offer_body, post
from tests.factories import member_create

pytestmark = pytest.mark.django_db


def _organisation(partnership, position: int, name: str) -> Organisation:
    by = member_create(partnership, Role.COORDINATOR, position=position).user
    offer = offer_make(partnership, by, donor=name, donor_kind="company")
    return offer.donor


def test_a_donor_named_again_is_found_in_the_directory_not_added_twice(partnership, donor):
    first = offer_make(partnership, donor, donor="Apotheke am Markt", donor_kind="company")
    second = offer_make(partnership, donor, donor="  apotheke AM  markt", donor_kind="")

    assert second.donor == first.donor
    assert first.donor.side == first.side and first.donor.created_by == donor
    assert first.donor.kind == "company" and first.donor.name == "Apotheke am Markt"
    assert Organisation.objects.filter(partnership=partnership).count() == 1


def test_a_private_person_gives_in_their_own_name(partnership, donor):
    offer = offer_make(partnership, donor, donor="Olena Kovalenko", donor_kind="private_person")

    assert offer.donor.get_kind_display() == "private person"


@pytest.mark.parametrize(
    ("where", "code"), [("other side", "donor_other_side"), ("elsewhere", "donor_elsewhere")]
)
def test_a_donor_of_the_other_city_or_partnership_is_refused_and_nothing_saved(
    partnership, other_partnership, donor, where, code
):
    other = (
        _organisation(partnership, 2, "Житомирводоканал")
        if where == "other side"
        else _organisation(other_partnership, 1, "Stadtwerke Bochum")
    )
    offers = Offer.objects.count()

    with pytest.raises(DomainError) as refused:
        offer_make(partnership, donor, donor=other)

    assert (refused.value.code, refused.value.field) == (code, "donor")
    assert Offer.objects.count() == offers


def test_a_new_donor_without_a_type_is_refused_at_its_field_and_not_added(partnership, donor):
    with pytest.raises(DomainError) as refused:
        offer_make(partnership, donor, donor="Neue Stiftung", donor_kind="")

    assert refused.value.field == "donor_kind"
    assert not Organisation.objects.filter(name="Neue Stiftung").exists()


def test_an_offer_refused_for_its_lines_adds_no_donor_to_the_directory(partnership, donor):
    with pytest.raises(DomainError):
        offer_make(
            partnership,
            donor,
            donor="Neue Stiftung",
            lines=[{"item": "Bandage", "quantity": Decimal(0), "unit": "box"}],
        )

    assert not Organisation.objects.filter(name="Neue Stiftung").exists()


def test_a_carrier_may_be_of_either_city_but_not_of_another_partnership(
    partnership, other_partnership, donor
):
    zhytomyr = _organisation(partnership, 2, "Нова пошта")
    shipment = shipment_plan(partnership, donor, carrier=zhytomyr, carrier_name="")
    assert shipment.carrier == zhytomyr

    elsewhere = _organisation(other_partnership, 1, "Spedition Bochum")
    with pytest.raises(DomainError) as refused:
        shipment_plan(partnership, donor, carrier=elsewhere, carrier_name="")
    assert (refused.value.code, refused.value.field) == ("carrier_elsewhere", "carrier")
    assert Shipment.objects.count() == 1


def test_the_offer_form_chooses_a_donor_of_ones_own_city(partnership, donor, client_of):
    clinic = offer_make(partnership, donor).donor
    url = reverse("aid:offer_create", args=[partnership.slug])
    client = client_of(donor)

    page = client.get(url)
    response = client.post(url, offer_form(donor=clinic.pk, donor_name="", donor_kind=""))

    assert str(clinic.pk) in [
        str(value) for value, _label in page.context["form"]["donor"].field.choices
    ]
    assert response.status_code == 302
    assert Offer.objects.latest("pk").donor == clinic


def test_the_offer_form_refuses_a_donor_of_the_other_city_or_two_at_once(
    partnership, donor, client_of
):
    other = _organisation(partnership, 2, "Житомирводоканал")
    own = offer_make(partnership, donor).donor
    url = reverse("aid:offer_create", args=[partnership.slug])
    client = client_of(donor)
    offers = Offer.objects.count()

    other_city = client.post(url, offer_form(donor=other.pk, donor_name=""))
    both = client.post(url, offer_form(donor=own.pk, donor_name="Apotheke"))

    assert other_city.status_code == both.status_code == 400
    assert "Select a valid choice" in other_city.content.decode()
    assert "Choose one from the list or enter a new name, not both." in both.content.decode()
    assert Offer.objects.count() == offers and not Organisation.objects.filter(name="Apotheke")


def test_the_shipment_form_names_a_new_carrier_once(partnership, donor, client_of):
    url = reverse("aid:shipment_create", args=[partnership.slug])
    client = client_of(donor)
    for reference in ("CMR-1", "CMR-2"):
        data = {
            "reference": reference,
            "carrier_name": "Spedition Ruhr",
            "carrier_kind": "company",
            "idempotency_key": uuid.uuid4(),
        }
        assert client.post(url, data).status_code == 302

    carriers = {shipment.carrier for shipment in Shipment.objects.all()}
    assert len(carriers) == 1 and carriers.pop().name == "Spedition Ruhr"


def test_the_api_takes_a_donor_by_id_or_by_name(partnership, donor, client_of):
    client = client_of(donor)
    url = f"{base(partnership)}/offers"

    by_name = post(client, url, offer_body(donor="Apotheke", donor_kind="company"), uuid.uuid4())
    donor_id = by_name.json()["donor_id"]
    by_id = post(client, url, offer_body(donor="", donor_id=donor_id), uuid.uuid4())

    assert by_name.status_code == by_id.status_code == 201
    assert by_id.json()["donor"] == "Apotheke" and by_id.json()["donor_kind"] == "company"
    assert by_id.json()["donor_id"] == donor_id


def test_the_api_refuses_a_donor_of_the_other_city_or_none(partnership, donor, client_of):
    other = _organisation(partnership, 2, "Житомирводоканал")
    client = client_of(donor)
    url = f"{base(partnership)}/offers"

    other_city = post(client, url, offer_body(donor="", donor_id=other.pk), uuid.uuid4())
    unknown = post(client, url, offer_body(donor="", donor_id=999_999), uuid.uuid4())
    nobody = post(client, url, offer_body(donor=""), uuid.uuid4())

    assert [r.status_code for r in (other_city, unknown, nobody)] == [400, 400, 400]
    assert [r.json()["code"] for r in (other_city, unknown, nobody)] == [
        "donor_other_side",
        "unknown_donor",
        "donor_missing",
    ]
    assert not Offer.objects.filter(side__position=1).exists()
