"""The operator's admin reads conversations but adds none, and never moves a message; messages'
translations are read in the translation store's admin."""

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.admin.sites import site
from django.contrib.auth import get_user_model
from django.test import Client, RequestFactory

from pobratym.conversations.models import Message, Thread
from pobratym.site import demo
from pobratym.translation.models import Translation
from tests.factories import TOTP_SECRET, sign_in

pytestmark = pytest.mark.django_db

MODELS = [Thread, Message, Translation]


def test_conversations_are_made_by_the_services_not_the_admin():
    request = RequestFactory().get("/")
    for model in MODELS:
        assert not site._registry[model].has_add_permission(request)
        assert not site._registry[model].has_delete_permission(request)


def test_who_wrote_what_where_is_read_only():
    readonly = set(site._registry[Message].get_readonly_fields(RequestFactory().get("/"), None))
    assert {"thread", "author", "language"} <= readonly


def test_the_admin_lists_open_for_the_operator():
    operator = get_user_model().objects.create_superuser(
        email="operator@example.org", password="x" * 20
    )
    TOTP.activate(operator, TOTP_SECRET)
    demo.load()
    client = Client()
    sign_in(client, operator)
    for model in MODELS:
        url = f"/en/admin/{model._meta.app_label}/{model._meta.model_name}/"
        assert client.get(url).status_code == 200, url
        record = model.objects.first()
        if model is Translation:  # one of a message
            record = Translation.objects.filter(
                content_type__app_label="conversations", content_type__model="message"
            ).first()
        assert client.get(f"{url}{record.pk}/change/").status_code == 200, url
