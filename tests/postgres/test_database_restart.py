"""PostgreSQL stopped and started again while people use the platform: whoever asks meanwhile
is told, in their language, to try again in a moment (503, no stack trace); as soon as the
database is back, pages and the API answer again with no step by an operator."""

import os
import shlex
import subprocess

import pytest
from django.db import connection
from django.test import Client

from tests.factories import member_create, partnership_create, sign_in

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.restarts_database]


def _pg_ctl(*arguments: str) -> None:
    command = shlex.split(os.environ["POSTGRES_TEST_PG_CTL"])
    subprocess.run([*command, *arguments], check=True, capture_output=True, timeout=60)


def test_a_restart_answers_503_meanwhile_and_serves_right_after():
    assert connection.vendor == "postgresql"
    partnership = partnership_create()
    member = member_create(partnership, "staff", position=2, language="uk").user
    client = Client(raise_request_exception=False)
    sign_in(client, member)
    page = f"/uk/partnerships/{partnership.slug}/"
    api = f"/api/v1/partnerships/{partnership.slug}"
    assert client.get(page).status_code == 200

    _pg_ctl("stop", "-m", "fast")
    try:
        down = client.get(page)
        api_down = client.get(api)
    finally:
        _pg_ctl("start", "-o", os.environ["POSTGRES_TEST_OPTIONS"])
        connection.close()  # the test's own connection was cut too

    assert down.status_code == 503
    assert down["Retry-After"] == "30"
    text = down.content.decode()
    assert "Спробуйте ще раз" in text or "спробуйте ще раз" in text
    assert "Traceback" not in text and "OperationalError" not in text
    assert api_down.status_code == 503
    assert api_down.json()["code"] == "unavailable"

    assert client.get(page).status_code == 200
    assert client.get(api).status_code == 200
