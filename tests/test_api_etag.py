"""Conditional GETs on the API: a JSON answer carries an ETag of its body; sent back in
If-None-Match it gets 304 without the body, until the answer changes; changes, refusals and
streamed open data carry none."""

import uuid

import pytest

from pobratym.partnerships.api_tokens import api_token_create
from tests.projects.conftest import project_add

pytestmark = pytest.mark.django_db


def test_an_unchanged_answer_is_not_sent_again(partnership, staff, client_of):
    client = client_of(staff)
    path = f"/api/v1/partnerships/{partnership.slug}/projects"
    project_add(partnership, staff, title="Bürgerportal")

    first = client.get(path)
    etag = first["ETag"]
    assert first.status_code == 200 and etag
    assert "Authorization" in first["Vary"]

    again = client.get(path, headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.content == b""
    assert again["ETag"] == etag
    assert client.get(path, headers={"If-None-Match": f"W/{etag}"}).status_code == 304

    project_add(partnership, staff, title="Wasserversorgung")
    changed = client.get(path, headers={"If-None-Match": etag})
    assert changed.status_code == 200 and changed["ETag"] != etag
    assert changed.json()["count"] == 2


def test_a_token_gets_the_same_conditional_answers(partnership, staff):
    from django.test import Client

    secret = api_token_create(
        by=staff, name="Skript", scope="read", partnership=None, idempotency_key=uuid.uuid4()
    )[1]
    program = Client(headers={"Authorization": f"Bearer {secret}"})
    etag = program.get("/api/v1/partnerships/")["ETag"]
    assert program.get("/api/v1/partnerships/", headers={"If-None-Match": etag}).status_code == 304


def test_changes_refusals_and_streams_carry_no_etag(partnership, staff, client_of, client):
    made = client_of(staff).post(
        f"/api/v1/partnerships/{partnership.slug}/projects",
        {"title": "Bürgerportal", "lead_side": 1, "language": "de"},
        content_type="application/json",
        headers={"Idempotency-Key": str(uuid.uuid4())},
    )
    assert made.status_code == 201 and not made.has_header("ETag")
    refused = client.get(
        f"/api/v1/partnerships/{partnership.slug}/threads", headers={"If-None-Match": "*"}
    )
    assert refused.status_code == 404 and not refused.has_header("ETag")
    calendar = client.get(f"/api/v1/partnerships/{partnership.slug}/events.ics")
    assert calendar.status_code == 200 and not calendar.has_header("ETag")
