"""The operator's admin reads, corrects and, for a takedown, removes news posts, with their
history; it writes none and never moves one to another partnership or author."""

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.admin.sites import site
from django.contrib.auth import get_user_model
from django.test import Client, RequestFactory

from pobratym.portal.models import NewsPost
from pobratym.portal.services import news_post_update
from tests.factories import TOTP_SECRET, sign_in
from tests.portal.factories import news_add

pytestmark = pytest.mark.django_db


def test_the_admin_writes_no_post_and_keeps_each_in_its_partnership():
    admin = site._registry[NewsPost]
    request = RequestFactory().get("/")
    assert not admin.has_add_permission(request)
    assert {"partnership", "created_by"} <= set(admin.get_readonly_fields(request, None))


def test_the_operator_reads_a_post_and_its_history(partnership, coordinator1):
    post = news_add(partnership, coordinator1, title="First")
    news_post_update(post=post, by=coordinator1, title="Corrected")
    operator = get_user_model().objects.create_superuser(
        email="operator@example.org", password="x" * 20
    )
    TOTP.activate(operator, TOTP_SECRET)
    client = Client()
    sign_in(client, operator)
    base = f"/en/admin/portal/newspost/{post.pk}"
    for address in ("/en/admin/portal/newspost/", f"{base}/change/", f"{base}/history/"):
        response = client.get(address)
        assert response.status_code == 200, address
    history = client.get(f"{base}/history/").content.decode()
    assert "First" in history and "Corrected" in history
