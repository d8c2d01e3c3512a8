"""Bad input on the partnership pages: re-rendered forms with errors, never a 500."""

import pytest
from django.contrib.messages import get_messages
from django.core import mail
from django.urls import reverse

from pobratym.partnerships.models import FocusArea, Invitation, Membership, Partnership, Role
from tests.factories import focus_area_create, invitation_make, member_create

pytestmark = pytest.mark.django_db


def _url(name, partnership, *args):
    return reverse(f"partnerships:{name}", args=[partnership.slug, *args])


def _messages(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"kind": "marriage", "status": "active"},
        {"kind": "twinning", "status": "active", "started_on": "31.02.2024"},
    ],
    ids=["empty", "unknown kind", "malformed date"],
)
def test_edit_with_bad_input_shows_the_form_again(partnership, coordinator, client_of, data):
    response = client_of(coordinator).post(_url("edit", partnership), data)

    assert response.status_code == 400
    assert response.context["form"].errors
    assert 'name="kind"' in response.content.decode()
    partnership.refresh_from_db()
    assert partnership.kind == Partnership.Kind.SOLIDARITY


def test_edit_saves_and_returns_to_dashboard(partnership, coordinator, client_of):
    response = client_of(coordinator).post(
        _url("edit", partnership),
        {"kind": "twinning", "status": "suspended", "started_on": "2023-05-09"},
        follow=True,
    )

    assert response.redirect_chain[-1][0] == _url("dashboard", partnership)
    assert "The partnership was saved." in _messages(response) or (
        "The partnership was saved." in response.content.decode()
    )
    partnership.refresh_from_db()
    assert (partnership.kind, partnership.status, str(partnership.started_on)) == (
        "twinning",
        "suspended",
        "2023-05-09",
    )


@pytest.mark.parametrize(
    "data",
    [{}, {"key": "not a key!", "name_en": "Bad"}, {"key": "youth", "position": "first"}],
    ids=["empty", "malformed key", "malformed position"],
)
def test_focus_area_with_bad_input_shows_the_form_again(partnership, coordinator, client_of, data):
    response = client_of(coordinator).post(_url("focus_areas", partnership), data)

    assert response.status_code == 400
    assert response.context["form"].errors
    assert 'name="key"' in response.content.decode()
    assert not FocusArea.objects.exists()


def test_focus_area_with_a_key_already_used_shows_an_error(partnership, coordinator, client_of):
    focus_area_create(partnership, "youth")

    response = client_of(coordinator).post(
        _url("focus_areas", partnership), {"key": "youth", "name_en": "Youth again", "position": 1}
    )

    assert response.status_code == 400
    assert response.context["form"].errors
    assert partnership.focus_areas.count() == 1


def test_same_focus_area_key_is_fine_in_another_partnership(
    partnership, other_partnership, coordinator, client_of
):
    focus_area_create(other_partnership, "youth")

    response = client_of(coordinator).post(
        _url("focus_areas", partnership), {"key": "youth", "name_en": "Youth", "position": 1}
    )

    assert response.status_code == 302
    assert partnership.focus_areas.get().key == "youth"


def _invite(client, partnership, **data):
    own_side = partnership.sides.get(position=1)
    return client.post(
        _url("members", partnership),
        {"email": "new@example.org", "side": own_side.pk, "role": "staff", "language": "de"} | data,
    )


def test_invitation_form_sends_mail_and_shows_confirmation(
    partnership, coordinator, client_of, django_capture_on_commit_callbacks, run_worker
):
    with django_capture_on_commit_callbacks(execute=True):
        response = _invite(client_of(coordinator), partnership)

    run_worker()
    assert response.status_code == 302
    invitation = Invitation.objects.get()
    assert (invitation.email, invitation.language, invitation.invited_by) == (
        "new@example.org",
        "de",
        coordinator,
    )
    assert [message.to for message in mail.outbox] == [["new@example.org"]]


@pytest.mark.parametrize(
    "data",
    [
        {"email": "not an address"},
        {"email": ""},
        {"role": "king"},
        {"language": "xx"},
        {"side": "999999"},
    ],
    ids=["malformed e-mail", "missing e-mail", "unknown role", "unknown language", "no side"],
)
def test_invitation_form_with_bad_input_shows_the_form_again(
    partnership, coordinator, client_of, data
):
    response = _invite(client_of(coordinator), partnership, **data)

    assert response.status_code == 400
    assert response.context["form"].errors
    assert 'name="email"' in response.content.decode()
    assert not Invitation.objects.exists()
    assert mail.outbox == []


def test_invitation_to_the_other_side_through_a_forged_form_is_refused(
    partnership, coordinator, client_of
):
    response = _invite(
        client_of(coordinator), partnership, side=partnership.sides.get(position=2).pk
    )

    assert response.status_code == 400
    assert not Invitation.objects.exists()


def test_inviting_a_member_shows_the_reason(partnership, coordinator, staff, client_of):
    response = _invite(client_of(coordinator), partnership, email=staff.email)

    assert response.status_code == 409
    assert "This person is already a member." in response.content.decode()
    assert response.context["form"].errors["email"] == ["This person is already a member."]
    assert not Invitation.objects.exists()


def test_invalid_role_shows_an_error_and_changes_nothing(partnership, coordinator, client_of):
    member = member_create(partnership, Role.STAFF)
    client = client_of(coordinator)

    response = client.post(_url("membership_change", partnership, member.pk), {"role": "king"})

    assert response.status_code == 302
    assert _messages(response) == ["This role does not exist."]
    member.refresh_from_db()
    assert member.role == Role.STAFF
    assert member.history.count() == 1


def test_missing_role_shows_an_error_and_changes_nothing(partnership, coordinator, client_of):
    member = member_create(partnership, Role.STAFF)

    response = client_of(coordinator).post(_url("membership_change", partnership, member.pk))

    assert _messages(response) == ["This role does not exist."]
    member.refresh_from_db()
    assert member.role == Role.STAFF


def test_last_coordinator_stepping_down_is_told_why(partnership, coordinator, client_of):
    own = Membership.objects.get(user=coordinator)

    response = client_of(coordinator).post(
        _url("membership_change", partnership, own.pk), {"role": "staff"}, follow=True
    )

    assert response.status_code == 200
    assert "Each side needs at least one coordinator." in response.content.decode()
    own.refresh_from_db()
    assert own.role == Role.COORDINATOR


def test_last_coordinator_cannot_remove_themselves(partnership, coordinator, client_of):
    own = Membership.objects.get(user=coordinator)

    response = client_of(coordinator).post(
        _url("membership_change", partnership, own.pk), {"remove": "1"}
    )

    assert _messages(response) == ["Each side needs at least one coordinator."]
    assert Membership.objects.filter(pk=own.pk).exists()


def test_role_change_is_confirmed(partnership, coordinator, client_of):
    member = member_create(partnership, Role.STAFF)

    response = client_of(coordinator).post(
        _url("membership_change", partnership, member.pk), {"role": "signatory"}
    )

    assert _messages(response) == ["The role was changed."]
    member.refresh_from_db()
    assert member.role == Role.SIGNATORY


def test_record_of_another_partnership_is_not_found_through_this_one(
    partnership, other_partnership, coordinator, client_of
):
    theirs_member = member_create(other_partnership, Role.STAFF)
    theirs_invitation = invitation_make(other_partnership)
    theirs_area = focus_area_create(other_partnership, "culture")
    client = client_of(coordinator)

    responses = [
        client.post(_url("membership_change", partnership, theirs_member.pk), {"role": "observer"}),
        client.post(_url("invitation_revoke", partnership, theirs_invitation.pk)),
        client.post(_url("focus_area_delete", partnership, theirs_area.pk)),
    ]

    assert [response.status_code for response in responses] == [404, 404, 404]
    theirs_member.refresh_from_db()
    assert theirs_member.role == Role.STAFF
    assert FocusArea.objects.filter(pk=theirs_area.pk).exists()


def test_unknown_records_are_not_found(partnership, coordinator, client_of):
    client = client_of(coordinator)
    assert client.post(_url("membership_change", partnership, 999999)).status_code == 404
    assert client.post(_url("invitation_revoke", partnership, 999999)).status_code == 404
    assert client.post(_url("focus_area_delete", partnership, 999999)).status_code == 404
    assert client.get("/en/partnerships/no-such-partnership/").status_code == 404


def test_other_partnership_page_is_not_found(partnership, other_partnership, staff, client_of):
    response = client_of(staff).get(_url("dashboard", other_partnership))

    assert response.status_code == 404
    assert other_partnership.sides.first().city.name not in response.content.decode()


def test_actions_are_not_done_by_a_plain_link(partnership, coordinator, client_of):
    """Withdrawing an invitation and removing a focus area ask first on GET
    (tests/partnerships/test_confirmations.py)."""
    response = client_of(coordinator).get(_url("membership_change", partnership, 1))
    assert response.status_code == 405


def test_withdrawing_an_invitation_is_confirmed(partnership, coordinator, client_of):
    invitation = invitation_make(partnership)

    response = client_of(coordinator).post(_url("invitation_revoke", partnership, invitation.pk))

    assert _messages(response) == ["The invitation was withdrawn."]
    invitation.refresh_from_db()
    assert invitation.revoked_at is not None


def test_ending_the_partnership_asks_first_then_ends_it(partnership, client_of):
    coordinator = member_create(partnership, Role.COORDINATOR, position=1).user
    client = client_of(coordinator)
    address = reverse("partnerships:edit", args=[partnership.slug])
    data = {"kind": "twinning", "status": "ended", "started_on": "2023-05-09"}

    page = client.post(address, data)

    assert page.status_code == 200
    assert "What will happen" in page.content.decode()
    assert 'name="confirmed"' in page.content.decode()
    partnership.refresh_from_db()
    assert partnership.status != Partnership.Status.ENDED

    assert client.post(address, {**data, "confirmed": "1"}).status_code == 302
    partnership.refresh_from_db()
    assert partnership.status == Partnership.Status.ENDED
