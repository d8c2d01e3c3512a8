"""Signing in with e-mail and password: wrong credentials, throttling, success."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

LOGIN = "/en/accounts/login/"


def _signed_in(client) -> bool:
    return "_auth_user_id" in client.session


@pytest.fixture
def person():
    return UserFactory(email="person@example.org")


def test_right_password_signs_in(person):
    client = Client()

    response = client.post(LOGIN, {"login": "person@example.org", "password": PASSWORD})

    assert response.status_code == 302
    assert response["Location"] == "/en/"
    assert _signed_in(client)


def test_e_mail_address_is_not_case_sensitive(person):
    client = Client()
    client.post(LOGIN, {"login": "Person@Example.ORG", "password": PASSWORD})
    assert _signed_in(client)


@pytest.mark.parametrize(
    "credentials",
    [
        {"login": "person@example.org", "password": "wrong password"},
        {"login": "nobody@example.org", "password": PASSWORD},
        {"login": "person@example.org", "password": ""},
        {"login": "not an address", "password": PASSWORD},
        {},
    ],
    ids=["wrong password", "unknown address", "empty password", "malformed address", "empty"],
)
def test_wrong_credentials_show_an_error_and_sign_nobody_in(person, credentials):
    client = Client()

    response = client.post(LOGIN, credentials)

    assert response.status_code == 200
    assert response.context["form"].errors
    assert not _signed_in(client)


def test_sixth_failed_login_in_a_row_is_throttled(person):
    client = Client()
    for _ in range(5):
        response = client.post(LOGIN, {"login": "person@example.org", "password": "guess"})
        assert "Too many failed login attempts" not in response.content.decode()

    response = client.post(LOGIN, {"login": "person@example.org", "password": "guess"})

    assert "Too many failed login attempts" in response.content.decode()


def test_throttled_address_is_refused_even_with_the_right_password(person):
    client = Client()
    for _ in range(5):
        client.post(LOGIN, {"login": "person@example.org", "password": "guess"})

    response = client.post(LOGIN, {"login": "person@example.org", "password": PASSWORD})

    assert response.status_code == 200
    assert "Too many failed login attempts" in response.content.decode()
    assert not _signed_in(client)


def test_nobody_can_sign_up_without_an_invitation():
    response = Client().post(
        "/en/accounts/signup/",
        {"email": "new@example.org", "password1": PASSWORD, "password2": PASSWORD},
    )
    from pobratym.accounts.models import User

    assert response.status_code in (200, 403)
    assert not User.objects.filter(email="new@example.org").exists()


def test_coordinator_signs_in_with_password_and_code(partnership):
    import time

    from allauth.mfa.app_settings import TOTP_PERIOD
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    from tests.factories import TOTP_SECRET, member_create

    person = member_create(partnership, "coordinator").user
    client = Client()

    first = client.post(LOGIN, {"login": person.email, "password": PASSWORD})
    assert first.status_code == 302
    assert first["Location"] == "/en/accounts/2fa/authenticate/"
    assert not _signed_in(client)

    code = format_hotp_value(hotp_value(TOTP_SECRET, int(time.time()) // TOTP_PERIOD))
    second = client.post(first["Location"], {"code": code})

    assert second.status_code == 302
    assert _signed_in(client)
    assert client.get("/en/partnerships/").status_code == 200


def test_coordinator_with_wrong_code_is_not_signed_in(partnership):
    from tests.factories import member_create

    person = member_create(partnership, "coordinator").user
    client = Client()
    client.post(LOGIN, {"login": person.email, "password": PASSWORD})

    response = client.post("/en/accounts/2fa/authenticate/", {"code": "000000"})

    assert response.status_code == 200
    assert not _signed_in(client)


def test_signing_out_lands_on_the_sign_in_page_in_the_same_language(client):
    person = UserFactory(language="de")
    client.force_login(person)
    with translation.override("uk"):
        response = client.post(reverse("account_logout"))
    assert response["Location"] == "/uk/accounts/login/"
