"""An e-mail address counts only once verified; another account's address is refused
(issue 10, finding 2)."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail

from pobratym.core.errors import DomainError
from pobratym.partnerships import services
from tests.factories import UserFactory, invitation_make

pytestmark = pytest.mark.django_db

EMAIL_PAGE = "/en/accounts/email/"


def _add(client, email):
    return client.post(EMAIL_PAGE, {"action_add": "", "email": email})


def test_another_accounts_address_is_refused_with_a_message(partnership, staff, client_of):
    other = UserFactory(email="other@example.org")
    client = client_of(staff)

    response = _add(client, "Other@example.org")

    assert response.status_code == 200
    assert "This e-mail address belongs to another account." in response.content.decode()
    assert not EmailAddress.objects.filter(user=staff, email__iexact=other.email).exists()
    staff.refresh_from_db()
    assert staff.email != other.email


def test_a_new_address_counts_only_after_its_link_is_followed(partnership, staff, client_of):
    client = client_of(staff)
    old = staff.email

    _add(client, "new@example.org")

    staff.refresh_from_db()
    assert staff.email == old
    assert not EmailAddress.objects.get(user=staff, email="new@example.org").verified
    [message] = mail.outbox
    assert message.to == ["new@example.org"]
    link = re.search(r"http://\S+/accounts/confirm-email/\S+/", message.body).group(0)
    client.post(link.split("testserver", 1)[-1])
    staff.refresh_from_db()
    assert staff.email == "new@example.org"


def test_an_unverified_address_cannot_be_made_primary(partnership, staff, client_of):
    client = client_of(staff)
    _add(client, "new@example.org")

    response = client.post(EMAIL_PAGE, {"action_primary": "", "email": "new@example.org"})

    assert response.status_code in (200, 302)
    staff.refresh_from_db()
    assert staff.email != "new@example.org"


def test_an_invitation_is_not_accepted_through_an_unverified_address(partnership, staff):
    invitation = invitation_make(partnership, email="invited@example.org")
    EmailAddress.objects.create(user=staff, email="invited@example.org", verified=False)

    with pytest.raises(DomainError) as refused:
        services.invitation_accept(invitation=invitation, user=staff)

    assert refused.value.code == "invitation_other_email"
