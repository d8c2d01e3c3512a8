"""Conditional GETs on the API: an answer to a GET carries an ETag of the data's stamp
(core.changes), who asks and what; sent back in If-None-Match it gets 304 without the body,
before the endpoint reads anything, until something is written; changes and refusals carry
none. As production runs: the stamp is not renewed per request here (`remembering`)."""

import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from pobratym.partnerships.api_tokens import api_token_create
from tests.projects.conftest import project_add

pytestmark = [pytest.mark.django_db, pytest.mark.remembering]


def test_an_unchanged_answer_is_not_sent_again(partnership, staff, client_of):
    client = client_of(staff)
    path = f"/api/v1/partnerships/{partnership.slug}/projects"
    project_add(partnership, staff, title="Bürgerportal")

    first = client.get(path)
    etag = first["ETag"]
    assert first.status_code == 200 and etag
    assert "Authorization" in first["Vary"]

    with CaptureQueriesContext(connection) as queries:
        again = client.get(path, headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.content == b""
    assert not [query for query in queries if "projects_project" in query["sql"]]
    assert again["ETag"] == etag
    assert client.get(path, headers={"If-None-Match": f"W/{etag}"}).status_code == 304

    project_add(partnership, staff, title="Wasserversorgung")
    changed = client.get(path, headers={"If-None-Match": etag})
    assert changed.status_code == 200 and changed["ETag"] != etag
    assert changed.json()["count"] == 2


def test_the_same_question_is_answered_again_without_the_endpoint(partnership, staff, client_of):
    client = client_of(staff)
    path = f"/api/v1/partnerships/{partnership.slug}/projects"
    project_add(partnership, staff, title="Bürgerportal", public=False)
    first = client.get(path)

    with CaptureQueriesContext(connection) as queries:
        again = client.get(path)
    assert again.status_code == 200 and again.json() == first.json()
    assert again["ETag"] == first["ETag"] and "Cookie" in again["Vary"]
    assert not [query for query in queries if "projects_project" in query["sql"]]

    assert client_of(staff).get(path, headers={"Accept-Language": "uk"}).json() == first.json()
    from django.test import Client

    assert Client().get(path).json()["count"] == 0  # a visitor: the member's answer is theirs
    project_add(partnership, staff, title="Wasserversorgung")
    assert client.get(path).json()["count"] == 2


def test_a_token_gets_the_same_conditional_answers(partnership, staff):
    from django.test import Client

    secret = api_token_create(
        by=staff, name="Skript", scope="read", partnership=None, idempotency_key=uuid.uuid4()
    )[1]
    program = Client(headers={"Authorization": f"Bearer {secret}"})
    etag = program.get("/api/v1/partnerships/")["ETag"]
    assert program.get("/api/v1/partnerships/", headers={"If-None-Match": etag}).status_code == 304


def test_each_reader_and_language_has_its_own_etag(partnership, staff, coordinator, client_of):
    path = f"/api/v1/partnerships/{partnership.slug}/projects"
    staff_etag = client_of(staff).get(path)["ETag"]
    assert (
        client_of(coordinator).get(path, headers={"If-None-Match": staff_etag}).status_code == 200
    )
    in_ukrainian = client_of(staff).get(path, headers={"Accept-Language": "uk"})
    assert in_ukrainian["ETag"] != staff_etag


def test_an_open_data_stream_is_not_sent_again_either(partnership, client):
    path = f"/api/v1/partnerships/{partnership.slug}/events.ics"
    calendar = client.get(path)
    assert calendar.status_code == 200 and calendar["ETag"]
    again = client.get(path, headers={"If-None-Match": calendar["ETag"]})
    assert again.status_code == 304 and not again.streaming and again.content == b""


def test_changes_and_refusals_carry_no_etag(partnership, staff, client_of, client):
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
