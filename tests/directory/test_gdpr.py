"""A person's data-protection requests: everything stored about them as JSON and as a
readable PDF, and the erasure that keeps the record and its history without the person."""

import json

import pytest
from django.urls import reverse

from pobratym.directory import services
from pobratym.partnerships.models import Role

pytestmark = pytest.mark.django_db


def test_the_json_copy_holds_everything_stored_about_the_person(
    partnership, contact, office, coordinator1, client_of
):
    services.contact_update(contact=contact, by=office, phone="+49 231 99")
    address = reverse("directory:contact_export", args=[partnership.slug, contact.pk])
    response = client_of(coordinator1).get(address)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert response["Cache-Control"] == "private, no-store"
    data = json.loads(response.content)
    assert data["name"] == "Anna Becker"
    assert data["email"] == "anna@example.org"
    assert data["phone"] == "+49 231 99"
    assert data["organisation"] == "Stadtwerke Alpha"
    assert data["consent"]["purpose"] == "Contact for the partnership"
    assert data["consent"]["how"] == "written"
    assert [change["kind"] for change in data["changes"]] == ["created", "changed"]


def test_the_pdf_copy_is_a_pdf_in_the_readers_language(
    partnership, contact, coordinator1, client_of
):
    address = reverse("directory:contact_pdf", args=[partnership.slug, contact.pk])
    response = client_of(coordinator1).get(address, headers={"Accept-Language": "de"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")


def test_the_other_citys_coordinator_cannot_download_the_persons_data(
    partnership, contact, cast, client_of
):
    address = reverse("directory:contact_export", args=[partnership.slug, contact.pk])
    assert client_of(cast[(Role.COORDINATOR, 2)]).get(address).status_code == 403


def test_after_erasure_the_copy_holds_nothing_of_the_person(
    partnership, contact, coordinator1, client_of
):
    services.contact_erase(contact=contact, by=coordinator1)
    address = reverse("directory:contact_export", args=[partnership.slug, contact.pk])
    text = client_of(coordinator1).get(address).content.decode()
    assert "Anna" not in text and "anna@example.org" not in text
    data = json.loads(text)
    assert data["anonymised_at"]
    assert [change["kind"] for change in data["changes"]] == ["created", "changed"]


def test_an_outsider_finds_no_contact(partnership, contact, outsider, client_of):
    for name in ("contact_detail", "contact_export", "contact_pdf", "contact_erase"):
        address = reverse(f"directory:{name}", args=[partnership.slug, contact.pk])
        assert client_of(outsider).get(address).status_code == 404
