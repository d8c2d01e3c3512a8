"""Headers every response carries, whatever answers it."""

import pytest
from django.test import Client


@pytest.mark.parametrize(
    "url", ["/en/accounts/login/", "/healthz", "/api/v1/partnerships/", "/en/no-such-page/"]
)
def test_every_response_denies_the_browser_features_no_page_uses(db, url):
    policy = Client().get(url)["Permissions-Policy"]

    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert f"{feature}=()" in policy
