"""The OpenAPI document names every refusal an operation can answer, as `{code, message}`, so a
program generated from it expects them (tests/test_api_schemathesis.py holds the API to it)."""

import pytest

pytestmark = [pytest.mark.django_db, pytest.mark.sqlite_pass]


def test_every_operation_names_its_refusals(client):
    document = client.get("/api/v1/openapi.json").json()

    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            named = set(operation["responses"])
            assert {"404", "422", "429"} <= named, (method, path)
            if operation.get("security"):
                assert {"401", "403"} <= named, (method, path)
            if "requestBody" in operation:
                assert {"400", "413"} <= named, (method, path)
    error = document["components"]["schemas"]["Error"]
    assert error["required"] == ["code", "message"]


def test_a_refusal_is_what_the_document_says(client):
    document = client.get("/api/v1/openapi.json").json()
    detail = document["paths"]["/api/v1/partnerships/{slug}"]["get"]["responses"]

    answer = client.get("/api/v1/partnerships/no-such-partnership")

    assert answer.status_code == 404
    assert detail["404"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/Error"
    }
    assert answer.json()["code"] == "not_found" and answer.json()["message"]
