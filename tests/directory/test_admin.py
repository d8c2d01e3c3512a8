"""The operator's admin reads and corrects directory records, but adds and deletes none (an
erasure goes through the service, which blanks the history too) and never moves one to
another partnership, city or organisation."""

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.admin.sites import site
from django.contrib.auth import get_user_model
from django.test import Client, RequestFactory

from pobratym.directory.models import Contact, Organisation
from tests.factories import TOTP_SECRET, sign_in

pytestmark = pytest.mark.django_db


def test_the_admin_adds_and_deletes_nothing_and_keeps_records_in_place():
    request = RequestFactory().get("/")
    for model, bound in (
        (Organisation, {"partnership", "side", "created_by"}),
        (Contact, {"partnership", "side", "organisation", "anonymised_at"}),
    ):
        admin = site._registry[model]
        assert not admin.has_add_permission(request)
        assert not admin.has_delete_permission(request)
        assert bound <= set(admin.get_readonly_fields(request, None))


def test_the_admin_pages_open_for_the_operator(contact):
    operator = get_user_model().objects.create_superuser(
        email="operator@example.org", password="x" * 20
    )
    TOTP.activate(operator, TOTP_SECRET)
    client = Client()
    sign_in(client, operator)
    for model, pk in ((Organisation, contact.organisation_id), (Contact, contact.pk)):
        for url in (
            f"/en/admin/directory/{model._meta.model_name}/",
            f"/en/admin/directory/{model._meta.model_name}/{pk}/change/",
        ):
            assert client.get(url).status_code == 200, url
