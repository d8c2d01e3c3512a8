"""Withdrawing an invitation and removing a focus area ask first (GET) on a page that says
what will happen; only the POST does it."""

import pytest
from django.urls import reverse

from pobratym.partnerships.models import FocusArea
from tests.factories import focus_area_create, invitation_make

pytestmark = pytest.mark.django_db


def _url(name, partnership, *args):
    return reverse(f"partnerships:{name}", args=[partnership.slug, *args])


def _asks(page, action: str) -> None:
    text = page.content.decode()
    assert page.status_code == 200
    assert "What will happen" in text
    assert action in text
    assert "kern-btn--danger" in text
    assert "No, go back" in text


def test_withdrawing_an_invitation_asks_first_then_withdraws_it(
    partnership, coordinator, client_of
):
    invitation = invitation_make(partnership, email="new@example.org")
    address = _url("invitation_revoke", partnership, invitation.pk)
    client = client_of(coordinator)

    assert f'href="{address}"' in client.get(_url("members", partnership)).content.decode()
    page = client.get(address)

    _asks(page, "Yes, withdraw the invitation")
    assert "new@example.org" in page.content.decode()
    invitation.refresh_from_db()
    assert invitation.revoked_at is None

    assert client.post(address).status_code == 302
    invitation.refresh_from_db()
    assert invitation.revoked_at is not None


def test_the_other_sides_invitation_is_not_offered_for_withdrawal(
    partnership, other_side_coordinator, coordinator, client_of
):
    invitation = invitation_make(partnership, position=1)

    page = client_of(other_side_coordinator).get(
        _url("invitation_revoke", partnership, invitation.pk)
    )

    assert page.status_code == 403


def test_removing_a_focus_area_asks_first_then_removes_it(partnership, coordinator, client_of):
    area = focus_area_create(partnership, "culture")
    address = _url("focus_area_delete", partnership, area.pk)
    client = client_of(coordinator)

    assert f'href="{address}"' in client.get(_url("focus_areas", partnership)).content.decode()
    page = client.get(address)

    _asks(page, "Yes, remove the focus area")
    assert FocusArea.objects.filter(pk=area.pk).exists()

    assert client.post(address).status_code == 302
    assert not FocusArea.objects.filter(pk=area.pk).exists()


def test_staff_are_not_asked_to_remove_a_focus_area(partnership, staff, client_of):
    area = focus_area_create(partnership, "culture")

    page = client_of(staff).get(_url("focus_area_delete", partnership, area.pk))

    assert page.status_code == 403
    assert FocusArea.objects.filter(pk=area.pk).exists()


def test_a_focus_area_still_in_use_is_kept_and_says_by_what(partnership, coordinator, client_of):
    from tests.projects.conftest import project_add

    area = focus_area_create(partnership, "culture")
    project_add(partnership, coordinator, focus_area=area)
    client = client_of(coordinator)
    answer = client.post(_url("focus_area_delete", partnership, area.pk), follow=True)
    assert answer.status_code == 200
    assert "still in use by: projects (1)" in answer.content.decode()
    assert FocusArea.objects.filter(pk=area.pk).exists()
