"""My work of partnerships: invitations to answer, for the person they were sent to."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import UserFactory, invitation_make, member_create
from tests.work import items_of

pytestmark = pytest.mark.django_db

ANSWER = "Answer the invitation"


def test_an_open_invitation_awaits_the_person_it_was_sent_to(partnership):
    person = UserFactory()
    invitation = invitation_make(partnership, position=2, email=person.email.upper())

    [item] = items_of(person, ANSWER)

    assert item.url == reverse("partnerships:invitation", args=[invitation.token])
    assert item.due == timezone.localdate(invitation.expires_at)
    assert str(partnership.sides.get(position=2).city) in item.title


def test_an_invitation_awaits_nobody_else_nor_an_unverified_address(partnership):
    unverified = UserFactory(verified=False)
    invitation_make(partnership, email=unverified.email)
    invitation_make(partnership, email="someone@example.org")

    assert items_of(unverified, ANSWER) == []
    assert items_of(member_create(partnership, "coordinator").user, ANSWER) == []


def test_an_answered_withdrawn_or_expired_invitation_awaits_nobody(partnership):
    person = UserFactory()
    now = timezone.now()
    invitation_make(partnership, email=person.email, revoked_at=now)
    invitation_make(partnership, email=person.email, accepted_at=now)
    invitation_make(partnership, email=person.email, expires_at=now - timedelta(days=1))

    assert items_of(person, ANSWER) == []
