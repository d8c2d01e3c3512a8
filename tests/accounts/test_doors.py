"""Every door into the platform asks for the second factor of those who must use one, and
throttles wrong passwords per account and address (issue 10, finding 1 and the lockout)."""

import re
import time

import pytest
from allauth.mfa.app_settings import TOTP_PERIOD
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value
from django.core import mail
from django.test import Client
from django.urls import reverse

from pobratym.accounts.models import User
from pobratym.partnerships import services
from pobratym.partnerships.models import Role
from tests.factories import PASSWORD, TOTP_SECRET, UserFactory, member_create, sign_in

pytestmark = pytest.mark.django_db

LOGIN = "/en/accounts/login/"
ADMIN = "/en/admin/"


def _signed_in(client) -> bool:
    return "_auth_user_id" in client.session


@pytest.fixture
def operator():
    person = User.objects.create_superuser(email="operator@example.org", password=PASSWORD)
    TOTP.activate(person, TOTP_SECRET)
    return person


def test_admin_login_form_with_the_password_alone_signs_nobody_in(operator):
    client = Client()

    response = client.post(
        "/en/admin/login/", {"username": operator.email, "password": PASSWORD, "next": ADMIN}
    )

    assert not _signed_in(client)
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)
    assert client.get("/en/admin/aid/need/").status_code == 302


def test_admin_login_leads_to_the_sign_in_that_asks_for_the_code(operator):
    client = Client()

    login_page = client.get("/en/admin/login/", follow=True)
    assert login_page.request["PATH_INFO"] == LOGIN
    first = client.post(LOGIN, {"login": operator.email, "password": PASSWORD, "next": ADMIN})

    assert first["Location"] == "/en/accounts/2fa/authenticate/"
    assert not _signed_in(client)


def test_admin_login_is_throttled_like_the_sign_in(operator):
    client = Client()
    for _ in range(5):
        client.post(LOGIN, {"login": operator.email, "password": "guess"})

    response = client.post(LOGIN, {"login": operator.email, "password": PASSWORD})

    assert "Too many failed login attempts" in response.content.decode()
    assert not _signed_in(client)


@pytest.mark.parametrize("page", ["/en/partnerships/", ADMIN, "/en/admin/aid/need/"])
def test_session_that_skipped_the_second_factor_is_signed_out(operator, page):
    client = Client()
    client.force_login(operator)  # as the admin's own login form did: the password alone

    response = client.get(page)

    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)
    assert not _signed_in(client)


def test_coordinator_made_staff_without_the_second_factor_cannot_use_the_api(partnership):
    coordinator = member_create(partnership, Role.COORDINATOR).user
    coordinator.is_staff = True
    coordinator.save()
    client = Client()
    client.force_login(coordinator)

    response = client.get(f"/api/v1/partnerships/{partnership.slug}")

    assert response.status_code == 403
    assert response.json()["code"] == "two_factor_required"


def test_session_that_answered_the_second_factor_reaches_the_admin(operator):
    client = Client()
    sign_in(client, operator)
    assert client.get("/en/admin/aid/need/").status_code == 200


def test_operator_without_totp_must_set_it_up_first():
    person = User.objects.create_user(email="staff@example.org", password=PASSWORD)
    person.is_staff = True
    person.save()
    client = Client()
    client.force_login(person)

    response = client.get(ADMIN)

    assert response["Location"] == reverse("mfa_activate_totp")


def test_setting_up_totp_counts_as_passing_it(partnership):
    person = UserFactory()
    services.membership_add(
        side=partnership.sides.get(position=1), user=person, role=Role.COORDINATOR
    )
    client = Client()
    client.post(LOGIN, {"login": person.email, "password": PASSWORD})
    confirm = client.get(reverse("mfa_activate_totp"), follow=True)
    setup = client.post(confirm.request["PATH_INFO"], {"password": PASSWORD}, follow=True)
    secret = setup.context["form"].secret
    code = format_hotp_value(hotp_value(secret, int(time.time()) // TOTP_PERIOD))

    client.post(reverse("mfa_activate_totp"), {"code": code})

    assert client.get("/en/partnerships/").status_code == 200
    assert _signed_in(client)


def test_wrong_passwords_from_elsewhere_never_lock_the_owner_out(run_worker):
    owner = UserFactory(email="owner@example.org", language="de")
    stranger = Client(REMOTE_ADDR="203.0.113.9")
    for _ in range(6):
        stranger.post(LOGIN, {"login": owner.email, "password": "guess"})

    at_home = Client(REMOTE_ADDR="198.51.100.7")
    at_home.post(LOGIN, {"login": owner.email, "password": PASSWORD})

    assert _signed_in(at_home)


def test_owner_is_told_once_when_sign_ins_from_an_address_are_paused(run_worker):
    owner = UserFactory(email="owner@example.org", language="de")
    stranger = Client(REMOTE_ADDR="203.0.113.9")
    for _ in range(8):
        stranger.post(LOGIN, {"login": owner.email, "password": "guess"})

    run_worker()

    assert [message.to for message in mail.outbox] == [[owner.email]]
    assert "203.0.113.9" in mail.outbox[0].body
    assert mail.outbox[0].subject == "Pobratym: fehlgeschlagene Anmeldeversuche bei Ihrem Konto"


def test_the_second_factor_page_offers_cancel_as_the_secondary_way_out(operator):
    """Cancel signs out: it must not look like the main button (KERN secondary, not primary)."""
    client = Client()
    client.post(LOGIN, {"login": operator.email, "password": PASSWORD})

    page = client.get("/en/accounts/2fa/authenticate/").content.decode()

    buttons = re.findall(r'<button class="kern-btn kern-btn--(\w+)"[^>]*><span[^>]*>\s*(\w+)', page)
    assert ("primary", "Sign") in buttons
    assert ("secondary", "Cancel") in buttons
