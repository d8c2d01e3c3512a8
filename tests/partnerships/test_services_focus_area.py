"""Coordinators keep the list of focus areas."""

import pytest
from django.core.exceptions import PermissionDenied

from pobratym.core.errors import DomainError
from pobratym.partnerships import services
from pobratym.partnerships.models import FocusArea
from tests.factories import focus_area_create

pytestmark = pytest.mark.django_db

NAMES = {"name_en": "Youth encounters", "name_de": "Jugendbegegnungen", "name_uk": "Молодь"}


def test_coordinator_adds_focus_area_in_three_languages(partnership, coordinator):
    area = services.focus_area_save(
        partnership=partnership, by=coordinator, key="youth", position=3, **NAMES
    )

    area.refresh_from_db()
    assert (area.name_en, area.name_de, area.name_uk) == tuple(NAMES.values())
    assert area.history.latest().history_user == coordinator


def test_coordinator_of_other_side_also_manages_focus_areas(partnership, other_side_coordinator):
    services.focus_area_save(
        partnership=partnership, by=other_side_coordinator, key="youth", **NAMES
    )
    assert partnership.focus_areas.count() == 1


def test_coordinator_renames_focus_area(partnership, coordinator):
    area = focus_area_create(partnership, "science")

    services.focus_area_save(
        partnership=partnership, by=coordinator, focus_area=area, name_en="Research"
    )

    area.refresh_from_db()
    assert area.name_en == "Research"


def test_staff_cannot_add_focus_area(partnership, staff):
    with pytest.raises(PermissionDenied):
        services.focus_area_save(partnership=partnership, by=staff, key="youth", **NAMES)
    assert not FocusArea.objects.exists()


def test_same_key_twice_in_one_partnership_is_refused(partnership, coordinator):
    focus_area_create(partnership, "youth")
    with pytest.raises(DomainError) as refused:
        services.focus_area_save(partnership=partnership, by=coordinator, key="youth", **NAMES)
    assert refused.value.code == "invalid"
    assert partnership.focus_areas.count() == 1


def test_focus_area_of_another_partnership_cannot_be_changed_through_this_one(
    partnership, other_partnership, coordinator
):
    theirs = focus_area_create(other_partnership, "culture")

    with pytest.raises(DomainError) as error:
        services.focus_area_save(
            partnership=partnership, by=coordinator, focus_area=theirs, name_en="Taken"
        )

    assert error.value.code == "other_partnership"
    theirs.refresh_from_db()
    assert theirs.name_en == "Culture"


def test_coordinator_deletes_focus_area_and_history_names_them(partnership, coordinator):
    area = focus_area_create(partnership, "science")
    area_id = area.pk

    services.focus_area_delete(focus_area=area, by=coordinator)

    assert not FocusArea.objects.filter(pk=area_id).exists()
    removal = FocusArea.history.filter(id=area_id).latest()
    assert (removal.history_type, removal.history_user) == ("-", coordinator)


def test_staff_cannot_delete_focus_area(partnership, staff):
    area = focus_area_create(partnership, "science")
    with pytest.raises(PermissionDenied):
        services.focus_area_delete(focus_area=area, by=staff)
    assert FocusArea.objects.filter(pk=area.pk).exists()
