"""The audit: every change names who made it, when, and each field's old and new value."""

import dataclasses
from collections import Counter

import pytest
from django.utils import timezone, translation

from pobratym.partnerships import selectors, services
from pobratym.partnerships.models import Partnership, Role
from tests.factories import CityFactory, UserFactory, focus_area_create, member_create

pytestmark = pytest.mark.django_db


def _history(partnership, viewer):
    """The history as an English page would show it (labels are translated lazily)."""
    with translation.override("en"):
        return [
            dataclasses.replace(
                change,
                kind=str(change.kind),
                record_type=str(change.record_type),
                fields=[(str(name), old, new) for name, old, new in change.fields],
            )
            for change in selectors.partnership_history(viewer=viewer, partnership=partnership)
        ]


def test_partnership_change_shows_who_when_and_old_to_new(partnership, coordinator):
    before = timezone.now()

    services.partnership_update(
        partnership=partnership, by=coordinator, status=Partnership.Status.SUSPENDED
    )

    change = _history(partnership, coordinator)[0]
    assert change.who == coordinator
    assert change.when >= before
    assert change.record_type == "partnership"
    assert ("status", "active", "suspended") in change.fields


def test_role_change_is_recorded_with_old_and_new_role(partnership, coordinator):
    member = member_create(partnership, Role.STAFF)

    services.membership_change_role(membership=member, role=Role.OBSERVER, by=coordinator)

    change = _history(partnership, coordinator)[0]
    assert change.who == coordinator
    assert change.record_type == "member"
    assert ("role", "staff", "observer") in change.fields


def test_every_service_change_names_its_author(partnership, coordinator):
    member = member_create(partnership, Role.STAFF)
    invitation = services.invitation_create(
        side=partnership.sides.get(position=1),
        email="new@example.org",
        role="staff",
        by=coordinator,
    )
    area = services.focus_area_save(
        partnership=partnership, by=coordinator, key="youth", name_en="Youth"
    )
    services.partnership_update(partnership=partnership, by=coordinator, description_en="New")
    services.membership_change_role(membership=member, role=Role.PARTNER, by=coordinator)
    services.invitation_revoke(invitation=invitation, by=coordinator)
    services.focus_area_delete(focus_area=area, by=coordinator)
    services.membership_remove(membership=member, by=coordinator)

    changes = _history(partnership, coordinator)
    # Set up without a person: the partnership and the two memberships made by the factory.
    assert Counter(change.who for change in changes) == {coordinator: 7, None: 3}
    authored = [change for change in changes if change.who == coordinator]
    assert Counter(change.kind for change in authored) == {
        "Created": 2,
        "Changed": 3,
        "Deleted": 2,
    }


def test_history_is_newest_first(partnership, coordinator):
    focus_area_create(partnership, "one")
    services.partnership_update(partnership=partnership, by=coordinator, description_en="Later")

    whens = [change.when for change in _history(partnership, coordinator)]
    assert whens == sorted(whens, reverse=True)


def test_history_shows_nothing_of_another_partnership(partnership, other_partnership, coordinator):
    outsider = member_create(other_partnership, Role.COORDINATOR).user
    services.partnership_update(partnership=other_partnership, by=outsider, description_en="Secret")

    changes = _history(partnership, coordinator)
    assert outsider not in {change.who for change in changes}
    assert all("Secret" not in str(change.fields) for change in changes)


def test_change_made_in_a_request_is_credited_to_the_signed_in_person(
    partnership, coordinator, client_of
):
    client_of(coordinator).post(
        f"/en/partnerships/{partnership.slug}/edit/",
        {"kind": "twinning", "status": "active", "description_en": "Changed by hand"},
    )
    record = partnership.history.latest()
    assert (record.history_user, record.kind) == (coordinator, "twinning")


def test_history_page_lists_the_change_and_its_author(partnership, coordinator, client_of):
    coordinator.name = "Anna Becker"
    coordinator.save()
    member = member_create(partnership, Role.STAFF, name="Jonas Schmidt")
    services.membership_change_role(membership=member, role=Role.OBSERVER, by=coordinator)

    response = client_of(coordinator).get(f"/en/partnerships/{partnership.slug}/history/")

    page = response.content.decode()
    assert response.status_code == 200
    assert "Anna Becker" in page
    assert "Jonas Schmidt" in page
    assert "<del>staff</del>" in page
    assert "<ins>observer</ins>" in page


def test_change_made_outside_a_request_without_a_person_has_no_author(partnership):
    """The factory creates partnerships as the system does (a command, the demo)."""
    assert partnership.history.earliest().history_user is None


def test_change_by_a_named_person_outside_a_request_is_credited_to_them():
    person = UserFactory()
    created = services.partnership_create(
        slug="by-hand",
        kind="twinning",
        first_city=CityFactory(),
        second_city=CityFactory(),
        by=person,
    )
    assert created.history.earliest().history_user == person


def test_history_names_records_in_the_page_language(partnership, coordinator, client_of):
    area = services.focus_area_save(
        partnership=partnership,
        by=coordinator,
        key="youth",
        name_en="Youth encounters",
        name_de="Jugendbegegnungen",
        name_uk="Молодіжні обміни",
    )
    services.focus_area_save(partnership=partnership, by=coordinator, focus_area=area, position=4)

    page = client_of(coordinator).get(f"/de/partnerships/{partnership.slug}/history/")

    assert "Jugendbegegnungen" in page.content.decode()
    assert "Youth encounters" not in page.content.decode()
    city = partnership.sides.get(position=1).city
    assert city.name_de in page.content.decode()


def test_history_shows_role_labels_not_codes(partnership, coordinator, client_of):
    from django.urls import reverse

    from pobratym.partnerships import services
    from tests.factories import member_create

    membership = member_create(partnership, "staff", position=1)
    services.membership_change_role(membership=membership, role="partner", by=coordinator)
    page = client_of(coordinator).get(reverse("partnerships:history", args=[partnership.slug]))
    text = page.content.decode()
    assert "partner organisation" in text
    assert "<ins>partner</ins>" not in text
