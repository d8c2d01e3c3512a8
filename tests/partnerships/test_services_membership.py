"""Changing roles and removing members; each side keeps at least one coordinator."""

import pytest
from django.core.exceptions import PermissionDenied

from pobratym.core.errors import DomainError
from pobratym.partnerships import services
from pobratym.partnerships.models import Membership, Role
from tests.factories import UserFactory, member_create

pytestmark = pytest.mark.django_db


def _membership(user, partnership) -> Membership:
    return Membership.objects.get(user=user, partnership=partnership)


def test_coordinator_changes_role_of_member_on_own_side(partnership, coordinator):
    member = member_create(partnership, Role.STAFF, position=1)

    services.membership_change_role(membership=member, role=Role.SIGNATORY, by=coordinator)

    member.refresh_from_db()
    assert member.role == Role.SIGNATORY


def test_coordinator_cannot_change_role_on_other_side(partnership, coordinator):
    member = member_create(partnership, Role.STAFF, position=2)

    with pytest.raises(PermissionDenied):
        services.membership_change_role(membership=member, role=Role.OBSERVER, by=coordinator)

    member.refresh_from_db()
    assert member.role == Role.STAFF


def test_staff_cannot_change_roles(partnership, staff):
    member = member_create(partnership, Role.OBSERVER, position=1)

    with pytest.raises(PermissionDenied):
        services.membership_change_role(membership=member, role=Role.COORDINATOR, by=staff)


def test_unknown_role_is_refused(partnership, coordinator):
    member = member_create(partnership, Role.STAFF, position=1)

    with pytest.raises(DomainError) as error:
        services.membership_change_role(membership=member, role="king", by=coordinator)

    assert error.value.code == "unknown_role"
    member.refresh_from_db()
    assert member.role == Role.STAFF


def test_last_coordinator_of_a_side_cannot_step_down(partnership, coordinator):
    with pytest.raises(DomainError) as error:
        services.membership_change_role(
            membership=_membership(coordinator, partnership), role=Role.STAFF, by=coordinator
        )

    assert error.value.code == "last_coordinator"
    assert _membership(coordinator, partnership).role == Role.COORDINATOR


def test_last_coordinator_of_a_side_cannot_be_removed(partnership, coordinator):
    with pytest.raises(DomainError) as error:
        services.membership_remove(membership=_membership(coordinator, partnership), by=coordinator)

    assert error.value.code == "last_coordinator"
    assert Membership.objects.filter(user=coordinator).exists()


def test_coordinator_of_other_side_does_not_count_for_this_side(
    partnership, coordinator, other_side_coordinator
):
    with pytest.raises(DomainError) as error:
        services.membership_remove(membership=_membership(coordinator, partnership), by=coordinator)
    assert error.value.code == "last_coordinator"


def test_coordinator_may_step_down_when_another_remains(partnership, coordinator):
    member_create(partnership, Role.COORDINATOR, position=1)

    services.membership_change_role(
        membership=_membership(coordinator, partnership), role=Role.STAFF, by=coordinator
    )

    assert _membership(coordinator, partnership).role == Role.STAFF


def test_second_coordinator_can_be_removed(partnership, coordinator):
    second = member_create(partnership, Role.COORDINATOR, position=1)
    second_id = second.pk

    services.membership_remove(membership=second, by=coordinator)

    assert not Membership.objects.filter(pk=second_id).exists()


def test_coordinator_removes_member_and_history_names_them(partnership, coordinator):
    member = member_create(partnership, Role.OBSERVER, position=1)
    member_id = member.pk

    services.membership_remove(membership=member, by=coordinator)

    assert not Membership.objects.filter(pk=member_id).exists()
    removal = Membership.history.filter(id=member_id).latest()
    assert removal.history_type == "-"
    assert removal.history_user == coordinator


def test_coordinator_cannot_remove_member_of_other_side(partnership, coordinator):
    member = member_create(partnership, Role.OBSERVER, position=2)

    with pytest.raises(PermissionDenied):
        services.membership_remove(membership=member, by=coordinator)

    assert Membership.objects.filter(pk=member.pk).exists()


def test_person_joins_a_partnership_only_once(partnership, staff):
    with pytest.raises(DomainError) as error:
        services.membership_add(
            side=partnership.sides.get(position=2), user=staff, role=Role.OBSERVER
        )
    assert error.value.code == "already_member"


def test_one_person_may_belong_to_two_partnerships(partnership, other_partnership):
    person = UserFactory()
    services.membership_add(side=partnership.sides.first(), user=person, role=Role.STAFF)
    services.membership_add(side=other_partnership.sides.first(), user=person, role=Role.STAFF)
    assert person.memberships.count() == 2
