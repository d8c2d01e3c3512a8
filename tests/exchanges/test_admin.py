"""The operator's admin reads and corrects events, their tasks and photos, with their history,
but adds and deletes none and never moves one to another partnership, event or person."""

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.admin.sites import site
from django.contrib.auth import get_user_model
from django.test import Client, RequestFactory

from pobratym.exchanges.models import Event, EventPhoto, FollowUp
from tests.factories import TOTP_SECRET, sign_in

pytestmark = pytest.mark.django_db


def test_the_admin_adds_and_deletes_nothing_and_keeps_records_in_place():
    request = RequestFactory().get("/")
    for model, bound in (
        (Event, {"partnership", "created_by"}),
        (FollowUp, {"event", "owner"}),
        (EventPhoto, {"event", "uploaded_by", "image"}),
    ):
        admin = site._registry[model]
        assert not admin.has_add_permission(request)
        assert not admin.has_delete_permission(request)
        assert bound <= set(admin.get_readonly_fields(request, None))


def test_the_event_and_its_history_open_for_the_operator(event):
    operator = get_user_model().objects.create_superuser(
        email="operator@example.org", password="x" * 20
    )
    TOTP.activate(operator, TOTP_SECRET)
    client = Client()
    sign_in(client, operator)
    for url in (
        "/en/admin/exchanges/event/",
        f"/en/admin/exchanges/event/{event.pk}/change/",
        f"/en/admin/exchanges/event/{event.pk}/history/",
    ):
        assert client.get(url).status_code == 200, url
