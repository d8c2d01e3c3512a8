"""The domain error and the permission check every service starts with."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied

from pobratym.core.errors import DomainError, require


def test_domain_error_carries_a_stable_code_and_a_message():
    error = DomainError("last_coordinator", "Each side needs at least one coordinator.")
    assert (error.code, error.message, str(error)) == (
        "last_coordinator",
        "Each side needs at least one coordinator.",
        "Each side needs at least one coordinator.",
    )


@pytest.mark.django_db
def test_require_lets_a_member_through(partnership, staff):
    require(staff, "partnerships.view_partnership", partnership)


@pytest.mark.django_db
@pytest.mark.parametrize("user", [None, AnonymousUser()], ids=["nobody", "anonymous"])
def test_require_refuses_without_a_person(partnership, user):
    with pytest.raises(PermissionDenied):
        require(user, "partnerships.view_partnership", partnership)


@pytest.mark.django_db
def test_require_refuses_an_unknown_permission(partnership, coordinator):
    with pytest.raises(PermissionDenied):
        require(coordinator, "partnerships.delete_everything", partnership)
