"""The page an invitation e-mail links to: join with a new or an existing account."""

import html
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from pobratym.accounts.models import User
from pobratym.partnerships.models import Membership, Role
from tests.factories import PASSWORD, UserFactory, invitation_make

pytestmark = pytest.mark.django_db


def _link(invitation, language="en") -> str:
    return f"/{language}/invitations/{invitation.token}/"


def _new_account(**fields):
    return {
        "name": "Olha Kravets",
        "password": PASSWORD,
        "password_again": PASSWORD,
        "language": "uk",
    } | fields


def test_expired_invitation_link_explains_and_gives_400(partnership):
    invitation = invitation_make(partnership, expires_at=timezone.now() - timedelta(hours=1))

    response = Client().get(_link(invitation))

    assert response.status_code == 400
    assert (
        "This invitation has expired. Please ask the coordinator for a new one."
        in response.content.decode()
    )


def test_expired_invitation_link_in_german_explains_in_german(partnership):
    invitation = invitation_make(partnership, expires_at=timezone.now() - timedelta(hours=1))

    response = Client().get(_link(invitation, "de"))

    assert response.status_code == 400
    page = response.content.decode()
    assert '<html lang="de">' in page
    assert "Diese Einladung ist abgelaufen." in page
    assert "This invitation has expired" not in page


def test_expired_invitation_link_in_ukrainian_explains_in_ukrainian(partnership):
    invitation = invitation_make(partnership, expires_at=timezone.now() - timedelta(hours=1))

    response = Client().get(_link(invitation, "uk"))

    assert response.status_code == 400
    with translation.override("uk"):
        expected = gettext("This invitation has expired. Please ask the coordinator for a new one.")
    assert expected != "This invitation has expired. Please ask the coordinator for a new one."
    assert html.escape(expected) in response.content.decode()


def test_withdrawn_invitation_link_explains_and_gives_400(partnership):
    invitation = invitation_make(partnership, revoked_at=timezone.now())

    response = Client().get(_link(invitation))

    assert response.status_code == 400
    assert "This invitation has been withdrawn." in response.content.decode()


def test_unknown_invitation_token_is_not_found():
    assert Client().get("/en/invitations/no-such-token/").status_code == 404


def test_new_person_sees_the_account_form(partnership):
    invitation = invitation_make(partnership, email="olha@example.org")

    response = Client().get(_link(invitation))

    assert response.status_code == 200
    page = response.content.decode()
    assert "olha@example.org" in page
    assert 'name="password_again"' in page


def test_new_person_creates_account_joins_and_is_signed_in(partnership):
    invitation = invitation_make(partnership, email="olha@example.org", role=Role.PARTNER)
    client = Client()

    response = client.post(_link(invitation), _new_account())

    assert response.status_code == 302
    assert response["Location"] == reverse("partnerships:dashboard", args=[partnership.slug])
    user = User.objects.get(email="olha@example.org")
    assert (user.name, user.language) == ("Olha Kravets", "uk")
    assert Membership.objects.get(user=user).role == Role.PARTNER
    assert client.get(response["Location"]).status_code == 200


@pytest.mark.parametrize(
    "fields",
    [
        {"password_again": "something else entirely"},
        {"password": "123", "password_again": "123"},
        {"name": ""},
        {"language": "xx"},
    ],
    ids=["passwords differ", "weak password", "missing name", "unknown language"],
)
def test_new_account_form_with_bad_input_is_shown_again(partnership, fields):
    invitation = invitation_make(partnership, email="olha@example.org")

    response = Client().post(_link(invitation), _new_account(**fields))

    assert response.status_code == 400
    assert response.context["form"].errors
    assert 'name="password_again"' in response.content.decode()
    assert not User.objects.filter(email="olha@example.org").exists()


def test_empty_new_account_form_is_shown_again_with_errors(partnership):
    invitation = invitation_make(partnership, email="olha@example.org")

    response = Client().post(_link(invitation))

    assert response.status_code == 400
    assert response.context["form"].errors


def test_person_with_account_is_asked_to_sign_in(partnership):
    UserFactory(email="known@example.org")
    invitation = invitation_make(partnership, email="known@example.org")

    response = Client().get(_link(invitation))

    assert response.status_code == 200
    assert reverse("account_login") in response.content.decode()
    assert "form" not in response.context


def test_posting_an_account_for_a_known_address_creates_nothing(partnership):
    UserFactory(email="known@example.org")
    invitation = invitation_make(partnership, email="known@example.org")

    response = Client().post(_link(invitation), _new_account())

    assert response.status_code == 200
    assert User.objects.filter(email="known@example.org").count() == 1
    assert not Membership.objects.exists()


def test_signed_in_invitee_joins_with_one_click(partnership, client_of):
    person = UserFactory(email="known@example.org")
    invitation = invitation_make(partnership, email="known@example.org")
    client = client_of(person)

    assert client.get(_link(invitation)).status_code == 200
    response = client.post(_link(invitation))

    assert response.status_code == 302
    assert Membership.objects.get(user=person).side == invitation.side


def test_signed_in_person_with_another_address_cannot_join(partnership, client_of):
    person = UserFactory(email="someone.else@example.org")
    invitation = invitation_make(partnership, email="meant@example.org")
    client = client_of(person)

    shown = client.get(_link(invitation))
    posted = client.post(_link(invitation))

    assert shown.status_code == 403
    assert posted.status_code == 400
    assert "This invitation was sent to another e-mail address." in posted.content.decode()
    assert not Membership.objects.exists()


def test_used_invitation_link_is_a_conflict(partnership, client_of):
    person = UserFactory(email="known@example.org")
    invitation = invitation_make(partnership, email="known@example.org")
    client = client_of(person)
    client.post(_link(invitation))

    response = client.post(_link(invitation))

    assert response.status_code == 409
    assert "This invitation has already been accepted." in response.content.decode()
    assert Membership.objects.filter(user=person).count() == 1


@pytest.mark.parametrize(
    "password", ["olha.kravets@example.org", "Olha.Kravets.Example"], ids=["e-mail", "like it"]
)
def test_a_password_like_the_address_is_refused_when_joining(partnership, password):
    """Issue 10, finding 8: the password validators run with the person."""
    invitation = invitation_make(partnership, email="olha.kravets@example.org")

    response = Client().post(
        _link(invitation), _new_account(password=password, password_again=password)
    )

    assert response.status_code == 400
    assert "The password is too similar to the" in html.unescape(response.content.decode())
    assert not User.objects.filter(email=invitation.email).exists()


def test_a_new_account_made_by_an_invitation_has_its_address_verified(partnership):
    from allauth.account.models import EmailAddress

    invitation = invitation_make(partnership, email="olha.kravets@example.org")

    Client().post(_link(invitation), _new_account())

    address = EmailAddress.objects.get(email=invitation.email)
    assert address.verified and address.primary
