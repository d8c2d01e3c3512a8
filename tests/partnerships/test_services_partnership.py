"""Creating and changing a partnership through its services."""

import pytest
from django.core.exceptions import PermissionDenied

from pobratym.core.errors import DomainError
from pobratym.partnerships import services
from pobratym.partnerships.models import Partnership, Side
from tests.factories import CityFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_partnership_is_created_with_two_sides_in_order():
    first, second = CityFactory(), CityFactory(country="UA")

    partnership = services.partnership_create(
        slug="first-second", kind=Partnership.Kind.TWINNING, first_city=first, second_city=second
    )

    assert [(side.position, side.city) for side in partnership.sides.order_by("position")] == [
        (1, first),
        (2, second),
    ]
    assert partnership.status == Partnership.Status.PROPOSED


def test_partnership_of_a_city_with_itself_is_refused():
    city = CityFactory()

    with pytest.raises(DomainError) as error:
        services.partnership_create(
            slug="alone", kind=Partnership.Kind.TWINNING, first_city=city, second_city=city
        )

    assert error.value.code == "same_city"
    assert not Partnership.objects.exists()
    assert not Side.objects.exists()


def test_partnership_with_unknown_kind_is_refused_and_leaves_nothing():
    with pytest.raises(DomainError) as refused:
        services.partnership_create(
            slug="odd", kind="marriage", first_city=CityFactory(), second_city=CityFactory()
        )
    assert refused.value.code == "invalid"
    assert not Partnership.objects.exists()


def test_partnership_slug_is_unique():
    services.partnership_create(
        slug="same", kind="twinning", first_city=CityFactory(), second_city=CityFactory()
    )
    with pytest.raises(DomainError) as refused:
        services.partnership_create(
            slug="same", kind="twinning", first_city=CityFactory(), second_city=CityFactory()
        )
    assert refused.value.code == "invalid"
    assert Partnership.objects.count() == 1


def test_coordinator_updates_partnership_and_is_named_in_history(partnership, coordinator):
    services.partnership_update(
        partnership=partnership, by=coordinator, status=Partnership.Status.SUSPENDED
    )

    partnership.refresh_from_db()
    assert partnership.status == Partnership.Status.SUSPENDED
    latest = partnership.history.latest()
    assert latest.history_user == coordinator
    assert latest.status == Partnership.Status.SUSPENDED


def test_staff_cannot_update_partnership(partnership, staff):
    with pytest.raises(PermissionDenied):
        services.partnership_update(
            partnership=partnership, by=staff, status=Partnership.Status.ENDED
        )
    partnership.refresh_from_db()
    assert partnership.status == Partnership.Status.ACTIVE


def test_person_outside_cannot_update_partnership(partnership):
    with pytest.raises(PermissionDenied):
        services.partnership_update(partnership=partnership, by=UserFactory(), status="ended")
