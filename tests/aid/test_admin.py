"""The operator's admin reads and corrects aid records, but adds none and never moves one to
another partnership, side, pledge or shipment."""

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.admin.sites import site
from django.contrib.auth import get_user_model
from django.test import Client, RequestFactory

from pobratym.aid import models
from tests.factories import TOTP_SECRET, sign_in

pytestmark = pytest.mark.django_db

AID_MODELS = [model for model in site._registry if model._meta.app_label == "aid"]


def test_every_aid_record_is_made_by_the_services_not_the_admin():
    request = RequestFactory().get("/")
    assert len(AID_MODELS) == 7
    for model in AID_MODELS:
        assert not site._registry[model].has_add_permission(request)
        assert not site._registry[model].has_delete_permission(request)


@pytest.mark.parametrize(
    ("model", "bound"),
    [
        (models.Need, {"partnership", "side", "public"}),
        (models.Offer, {"partnership", "side", "need", "status"}),
        (models.Pledge, {"offer_line", "need_line", "quantity"}),
        (models.Shipment, {"partnership", "side", "status"}),
        (models.ShipmentLine, {"shipment", "pledge", "quantity"}),
        (models.GoodsReceivedNote, {"shipment", "scan"}),
        (models.ReceiptLine, {"shipment_line", "quantity", "resolved_by"}),
    ],
)
def test_what_ties_a_record_to_its_place_is_read_only(model, bound):
    readonly = set(site._registry[model].get_readonly_fields(RequestFactory().get("/"), None))
    assert bound <= readonly


def test_the_admin_lists_open_for_the_operator():
    operator = get_user_model().objects.create_superuser(
        email="operator@example.org", password="x" * 20
    )
    TOTP.activate(operator, TOTP_SECRET)
    client = Client()
    sign_in(client, operator)
    for model in AID_MODELS:
        url = f"/en/admin/aid/{model._meta.model_name}/"
        assert client.get(url).status_code == 200, url
