"""The API's limits: requests per minute per personal token and per client address (429 with
`Retry-After` beyond them, counted in the database), and bodies larger than Django accepts (413);
each refusal a `{code, message}` in the caller's language, never a 500."""

import time
import uuid

import pytest
from django.test import Client, override_settings
from django.utils import translation
from django.utils.translation import gettext

from pobratym.config import api_limits
from pobratym.core.models import RequestCount
from pobratym.partnerships.api_tokens import api_token_create
from pobratym.projects.models import Project

pytestmark = pytest.mark.django_db

LIST = "/api/v1/partnerships/"


def token_for(person) -> str:
    return api_token_create(
        by=person, name="Skript", scope="write", partnership=None, idempotency_key=uuid.uuid4()
    )[1]


def bearer(secret: str, address: str = "192.0.2.1") -> Client:
    return Client(headers={"Authorization": f"Bearer {secret}"}, REMOTE_ADDR=address)


def assert_too_many(answer):
    assert answer.status_code == 429
    assert answer.json()["code"] == "too_many_requests" and answer.json()["message"]
    assert 1 <= int(answer["Retry-After"]) <= 60


@override_settings(POBRATYM_API_REQUESTS_PER_TOKEN=3)
def test_a_token_beyond_its_limit_is_told_when_to_come_back(staff):
    secret = token_for(staff)
    program = bearer(secret)

    assert [program.get(LIST).status_code for _ in range(3)] == [200, 200, 200]

    assert_too_many(program.get(LIST))
    # The same token from another address is the same program: still refused.
    assert_too_many(bearer(secret, address="198.51.100.7").get(LIST))
    # Another token of the same person counts on its own.
    assert bearer(token_for(staff)).get(LIST).status_code == 200


@override_settings(POBRATYM_API_REQUESTS_PER_ADDRESS=2)
def test_one_address_is_limited_whoever_asks(staff, client_of):
    visitor = Client(REMOTE_ADDR="203.0.113.5")
    feed = f"/api/v1/partnerships/{staff.memberships.get().partnership.slug}/events.ics"
    assert visitor.get(feed).status_code == 200
    assert visitor.get(feed).status_code == 200

    assert_too_many(visitor.get(feed))
    assert_too_many(bearer(token_for(staff), address="203.0.113.5").get(LIST))
    assert Client(REMOTE_ADDR="203.0.113.6").get(feed).status_code == 200


@override_settings(POBRATYM_API_REQUESTS_PER_TOKEN=1)
def test_the_limit_starts_again_in_the_next_minute(staff, monkeypatch):
    program = bearer(token_for(staff))
    assert program.get(LIST).status_code == 200
    assert_too_many(program.get(LIST))
    rows = RequestCount.objects.count()

    later = time.time() + api_limits.WINDOW
    monkeypatch.setattr(api_limits.time, "time", lambda: later)
    assert program.get(LIST).status_code == 200
    assert_too_many(program.get(LIST))
    assert RequestCount.objects.count() == rows  # one row per token and address, not per minute


@override_settings(POBRATYM_API_REQUESTS_PER_ADDRESS=0)
def test_the_refusal_is_in_the_callers_language():
    with translation.override("uk"):
        message = gettext("Too many requests. Please wait a moment, then try again.")
    answer = Client().get(
        "/api/v1/partnerships/x/activities.iati.xml", headers={"Accept-Language": "uk"}
    )
    assert_too_many(answer)
    assert answer.json()["message"] == message


@override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=1000)
def test_an_oversized_body_is_a_413_and_saves_nothing(staff, partnership):
    body = {"title": "x" * 2000, "lead_side": 1, "language": "de"}

    answer = bearer(token_for(staff)).post(
        f"/api/v1/partnerships/{partnership.slug}/projects",
        body,
        content_type="application/json",
        headers={"Idempotency-Key": str(uuid.uuid4())},
    )

    assert answer.status_code == 413
    assert answer.json() == {
        "code": "too_large",
        "message": gettext("The request is too large."),
    }
    assert not Project.objects.exists()


@override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=1000)
def test_an_oversized_form_encoded_body_is_a_413_too(staff, partnership):
    answer = bearer(token_for(staff)).post(
        f"/api/v1/partnerships/{partnership.slug}/projects",
        "title=" + "x" * 2000,
        content_type="application/x-www-form-urlencoded",
    )
    assert answer.status_code == 413
    assert answer.json()["code"] == "too_large"


@pytest.mark.parametrize(
    "body, content_type",
    [
        ("{not json", "application/json"),
        ("[1, 2]", "application/json"),
        ('{"title": 5, "lead_side": "one"}', "application/json"),
        (b"\xff\xfe\x00", "application/json"),
    ],
)
def test_a_malformed_body_is_a_clear_error_not_a_500(staff, partnership, body, content_type):
    answer = bearer(token_for(staff)).post(
        f"/api/v1/partnerships/{partnership.slug}/projects",
        body,
        content_type=content_type,
        headers={"Idempotency-Key": str(uuid.uuid4())},
    )
    assert 400 <= answer.status_code < 500
    assert {"code", "message"} <= set(answer.json())
    assert not Project.objects.exists()
