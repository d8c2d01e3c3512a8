"""Inviting people by e-mail, and what happens when they accept."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from pobratym.accounts.models import User
from pobratym.core.errors import DomainError
from pobratym.partnerships import services
from pobratym.partnerships.models import Invitation, Membership, Role
from tests.factories import PASSWORD, UserFactory, invitation_make, member_create

pytestmark = pytest.mark.django_db


def _invite(partnership, by, email="newcomer@example.org", position=1, **fields):
    return services.invitation_create(
        side=partnership.sides.get(position=position),
        email=email,
        role=fields.pop("role", Role.STAFF),
        by=by,
        **fields,
    )


def test_invitation_mail_is_sent_after_commit_in_the_invitation_language(
    partnership, coordinator, django_capture_on_commit_callbacks, run_worker
):
    with django_capture_on_commit_callbacks(execute=True):
        invitation = _invite(partnership, coordinator, language="de")
        assert mail.outbox == []

    run_worker()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["newcomer@example.org"]
    side_one_city = partnership.sides.get(position=1).city
    assert side_one_city.name_de in message.subject
    assert side_one_city.name_de in message.body
    assert f"/de/invitations/{invitation.token}/" in message.body


def test_invitation_in_ukrainian_links_to_ukrainian_pages(
    partnership, coordinator, django_capture_on_commit_callbacks, run_worker
):
    with django_capture_on_commit_callbacks(execute=True):
        invitation = _invite(partnership, coordinator, language="uk")

    run_worker()
    assert f"/uk/invitations/{invitation.token}/" in mail.outbox[0].body
    assert partnership.sides.get(position=1).city.name_uk in mail.outbox[0].body


def test_no_mail_leaves_when_the_transaction_is_rolled_back(
    partnership, coordinator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        _invite(partnership, coordinator)
    assert len(callbacks) == 1
    assert mail.outbox == []


def test_inviting_same_address_twice_renews_the_one_pending_invitation(
    partnership, coordinator, django_capture_on_commit_callbacks, run_worker
):
    with django_capture_on_commit_callbacks(execute=True):
        first = _invite(partnership, coordinator)
        first_token, first_expiry = first.token, first.expires_at
        second = _invite(partnership, coordinator, email="  NewComer@Example.org ")

    run_worker()
    pending = Invitation.objects.filter(accepted_at=None, revoked_at=None)
    assert list(pending) == [second]
    assert second.pk == first.pk
    assert second.token != first_token
    assert second.expires_at >= first_expiry
    assert len(mail.outbox) == 2
    assert second.token in mail.outbox[1].body
    assert first_token not in mail.outbox[1].body


def test_old_link_stops_working_after_renewal(partnership, coordinator):
    first_token = _invite(partnership, coordinator).token
    _invite(partnership, coordinator)
    assert not Invitation.objects.filter(token=first_token).exists()


def test_inviting_an_existing_member_is_refused(partnership, coordinator, staff):
    with pytest.raises(DomainError) as error:
        _invite(partnership, coordinator, email=staff.email.upper())
    assert error.value.code == "already_member"
    assert not Invitation.objects.exists()


def test_coordinator_cannot_invite_to_other_side(partnership, coordinator):
    with pytest.raises(PermissionDenied):
        _invite(partnership, coordinator, position=2)
    assert not Invitation.objects.exists()


def test_staff_cannot_invite(partnership, staff):
    with pytest.raises(PermissionDenied):
        _invite(partnership, staff)


def test_coordinator_cannot_take_over_invitation_of_other_side(
    partnership, coordinator, other_side_coordinator
):
    theirs = _invite(partnership, other_side_coordinator, position=2, role=Role.SIGNATORY)

    with pytest.raises(DomainError) as error:
        _invite(partnership, coordinator, position=1)

    assert error.value.code == "invited_to_other_side"
    theirs.refresh_from_db()
    assert (theirs.side.position, theirs.role, theirs.invited_by) == (
        2,
        Role.SIGNATORY,
        other_side_coordinator,
    )


def test_invitation_is_audited_without_its_token(partnership, coordinator):
    invitation = _invite(partnership, coordinator)
    record = invitation.history.latest()
    assert record.history_user == coordinator
    assert not hasattr(record, "token")


def test_invitee_accepts_and_joins_side_in_the_invited_role(partnership, coordinator):
    invitation = _invite(partnership, coordinator, role=Role.PARTNER)
    person = UserFactory(email="newcomer@example.org")

    membership = services.invitation_accept(invitation=invitation, user=person)

    assert (membership.side.position, membership.role) == (1, Role.PARTNER)
    invitation.refresh_from_db()
    assert invitation.accepted_by == person
    assert invitation.accepted_at is not None
    assert membership.history.latest().history_user == person


@pytest.mark.parametrize(
    ("state", "code"),
    [
        ({"expires_at": timezone.now() - timedelta(minutes=1)}, "invitation_expired"),
        ({"revoked_at": timezone.now()}, "invitation_revoked"),
        ({"accepted_at": timezone.now()}, "invitation_used"),
    ],
    ids=["expired", "withdrawn", "used"],
)
def test_invitation_that_cannot_be_accepted_says_why(partnership, state, code):
    invitation = invitation_make(partnership, email="late@example.org", **state)
    person = UserFactory(email="late@example.org")

    with pytest.raises(DomainError) as error:
        services.invitation_accept(invitation=invitation, user=person)

    assert error.value.code == code
    assert not Membership.objects.filter(user=person).exists()


def test_invitation_for_another_address_cannot_be_accepted(partnership):
    invitation = invitation_make(partnership, email="meant@example.org")
    someone_else = UserFactory(email="someone.else@example.org")

    with pytest.raises(DomainError) as error:
        services.invitation_accept(invitation=invitation, user=someone_else)

    assert error.value.code == "invitation_other_email"
    assert not Membership.objects.filter(user=someone_else).exists()


def test_invitation_can_be_used_only_once(partnership):
    invitation = invitation_make(partnership, email="once@example.org")
    person = UserFactory(email="once@example.org")
    services.invitation_accept(invitation=invitation, user=person)

    with pytest.raises(DomainError) as error:
        services.invitation_accept(invitation=invitation, user=person)
    assert error.value.code == "invitation_used"


def test_new_person_gets_an_account_and_joins(partnership):
    invitation = invitation_make(partnership, email="first.time@example.org", role=Role.OBSERVER)

    membership = services.invitation_accept_as_new_user(
        invitation=invitation, name="Olha", password=PASSWORD, language="uk"
    )

    user = User.objects.get(email="first.time@example.org")
    assert membership.user == user
    assert (user.name, user.language) == ("Olha", "uk")
    assert user.check_password(PASSWORD)
    assert membership.role == Role.OBSERVER


def test_new_account_is_refused_when_the_address_has_one(partnership):
    UserFactory(email="known@example.org")
    invitation = invitation_make(partnership, email="known@example.org")

    with pytest.raises(DomainError) as error:
        services.invitation_accept_as_new_user(
            invitation=invitation, name="Known", password=PASSWORD, language="en"
        )
    assert error.value.code == "account_exists"


def test_expired_invitation_creates_no_account(partnership):
    invitation = invitation_make(
        partnership,
        email="late@example.org",
        expires_at=timezone.now() - timedelta(days=1),
    )

    with pytest.raises(DomainError) as error:
        services.invitation_accept_as_new_user(
            invitation=invitation, name="Late", password=PASSWORD, language="en"
        )
    assert error.value.code == "invitation_expired"
    assert not User.objects.filter(email="late@example.org").exists()


def test_coordinator_withdraws_invitation_of_own_side(partnership, coordinator):
    invitation = _invite(partnership, coordinator)

    services.invitation_revoke(invitation=invitation, by=coordinator)

    invitation.refresh_from_db()
    assert invitation.revoked_at is not None
    assert invitation.history.latest().history_user == coordinator


def test_coordinator_cannot_withdraw_invitation_of_other_side(
    partnership, coordinator, other_side_coordinator
):
    invitation = _invite(partnership, other_side_coordinator, position=2)

    with pytest.raises(PermissionDenied):
        services.invitation_revoke(invitation=invitation, by=coordinator)

    invitation.refresh_from_db()
    assert invitation.revoked_at is None


def test_withdrawn_address_can_be_invited_again(partnership, coordinator):
    first = _invite(partnership, coordinator)
    services.invitation_revoke(invitation=first, by=coordinator)

    second = _invite(partnership, coordinator)

    assert second.pk != first.pk
    assert Invitation.objects.count() == 2


def test_member_of_side_one_invited_elsewhere_keeps_partnerships_apart(
    partnership, other_partnership, coordinator
):
    """An invitation to one partnership does not make anyone a member of another."""
    invitation = _invite(partnership, coordinator)
    person = UserFactory(email=invitation.email)
    member_create(other_partnership, Role.STAFF)

    services.invitation_accept(invitation=invitation, user=person)

    assert list(person.memberships.values_list("partnership", flat=True)) == [partnership.pk]


def test_an_invitation_withdrawn_before_the_worker_runs_is_not_mailed(
    partnership, coordinator, django_capture_on_commit_callbacks, run_worker
):
    with django_capture_on_commit_callbacks(execute=True):
        invitation = _invite(partnership, coordinator)
    services.invitation_revoke(invitation=invitation, by=coordinator)

    run_worker()

    assert mail.outbox == []
