"""Coordinators and signatories must set up TOTP before they can use anything else."""

import pytest
from allauth.mfa.models import Authenticator
from django.test import Client
from django.urls import reverse

from pobratym.partnerships import services
from pobratym.partnerships.models import Role
from tests.factories import PASSWORD, UserFactory, member_create

pytestmark = pytest.mark.django_db


def _member_without_totp(partnership, role):
    person = UserFactory()
    services.membership_add(side=partnership.sides.get(position=1), user=person, role=role)
    return person


@pytest.mark.parametrize("role", [Role.COORDINATOR, Role.SIGNATORY])
@pytest.mark.parametrize(
    "page",
    [
        lambda p: reverse("partnerships:list"),
        lambda p: reverse("partnerships:dashboard", args=[p.slug]),
        lambda p: reverse("partnerships:members", args=[p.slug]),
        lambda p: reverse("profile"),
    ],
    ids=["list", "dashboard", "members", "profile"],
)
def test_leader_without_totp_is_sent_to_set_it_up(partnership, client_of, role, page):
    person = _member_without_totp(partnership, role)

    response = client_of(person).get(page(partnership))

    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")


def test_leader_without_totp_cannot_act_by_post(partnership, client_of):
    person = _member_without_totp(partnership, Role.COORDINATOR)

    response = client_of(person).post(
        reverse("partnerships:edit", args=[partnership.slug]),
        {"kind": "twinning", "status": "ended"},
    )

    assert response["Location"] == reverse("mfa_activate_totp")
    partnership.refresh_from_db()
    assert partnership.status == "active"


def test_leader_signed_in_long_ago_confirms_password_then_reaches_setup(partnership, client_of):
    """allauth asks for the password again before TOTP setup; that page must not loop back."""
    person = _member_without_totp(partnership, Role.COORDINATOR)
    client = client_of(person)  # no recent authentication recorded in the session

    response = client.get(reverse("mfa_activate_totp"), follow=True)

    assert response.status_code == 200
    assert response.redirect_chain[-1][0].startswith(reverse("account_reauthenticate"))
    confirmed = client.post(response.redirect_chain[-1][0], {"password": PASSWORD}, follow=True)
    assert confirmed.request["PATH_INFO"] == reverse("mfa_activate_totp")
    assert confirmed.status_code == 200


def test_leader_just_signed_in_is_led_to_setup_without_a_redirect_loop(partnership):
    person = _member_without_totp(partnership, Role.COORDINATOR)
    client = Client()
    client.post(reverse("account_login"), {"login": person.email, "password": PASSWORD})

    response = client.get(reverse("partnerships:list"), follow=True)

    assert response.status_code == 200
    assert response.request["PATH_INFO"] == reverse("account_reauthenticate")
    assert [url for url, _ in response.redirect_chain][:1] == [reverse("mfa_activate_totp")]


def test_staff_without_totp_is_not_asked(partnership, staff, client_of):
    assert not Authenticator.objects.filter(user=staff).exists()
    response = client_of(staff).get(reverse("partnerships:dashboard", args=[partnership.slug]))
    assert response.status_code == 200


def test_coordinator_with_totp_is_not_asked(partnership, coordinator, client_of):
    assert Authenticator.objects.filter(user=coordinator, type="totp").exists()
    response = client_of(coordinator).get(
        reverse("partnerships:dashboard", args=[partnership.slug])
    )
    assert response.status_code == 200


def test_staff_promoted_to_coordinator_must_set_up_totp(partnership, coordinator, client_of):
    member = member_create(partnership, Role.STAFF)
    services.membership_change_role(membership=member, role=Role.COORDINATOR, by=coordinator)

    response = client_of(member.user).get(reverse("partnerships:list"))

    assert response["Location"] == reverse("mfa_activate_totp")


def test_leader_without_totp_gets_a_json_refusal_from_the_api(partnership, client_of):
    person = _member_without_totp(partnership, Role.COORDINATOR)

    response = client_of(person).get(f"/api/v1/partnerships/{partnership.slug}")

    assert response.status_code == 403
    assert response.json()["code"] == "two_factor_required"
