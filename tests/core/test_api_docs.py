"""The API documentation is served from our own files, nothing loaded from outside, and an
operator may switch it off."""

import re
from importlib import reload

import pytest
from django.test import Client

from pobratym.config.settings import base


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


@pytest.mark.parametrize("url", ["/api/v1/docs", "/api/v1/openapi.json"])
def test_an_operator_can_switch_the_api_docs_off(db, settings, url):
    settings.POBRATYM_API_DOCS = False

    assert Client().get(url).status_code == 404


def test_api_docs_are_on_unless_the_environment_says_otherwise(monkeypatch):
    monkeypatch.delenv("POBRATYM_API_DOCS", raising=False)
    assert reload(base).POBRATYM_API_DOCS is True
    monkeypatch.setenv("POBRATYM_API_DOCS", "false")
    assert reload(base).POBRATYM_API_DOCS is False
    monkeypatch.delenv("POBRATYM_API_DOCS")
    reload(base)
