"""The API documentation is served from our own files: nothing is loaded from outside."""

import re

from django.test import Client


def test_api_docs_load_only_local_assets(db):
    page = Client().get("/api/v1/docs")

    assert page.status_code == 200
    sources = re.findall(r'(?:src|href)="([^"]+)"', page.content.decode())
    assert sources
    assert all(source.startswith("/") for source in sources), sources


def test_openapi_schema_lists_the_partnership_endpoints(db):
    schema = Client().get("/api/v1/openapi.json").json()

    assert "/api/v1/partnerships/" in schema["paths"]
    assert "/api/v1/partnerships/{slug}" in schema["paths"]
