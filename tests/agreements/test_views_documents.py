"""The version as PDF and the comparison of two versions, over HTTP."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from pobratym.agreements.services import agreements as services
from tests.agreements.factories import agreement_draft, agreement_in_force, people
from tests.factories import partnership_create

pytestmark = pytest.mark.django_db


def _pdf_url(partnership, agreement, query):
    return reverse("agreements:version_pdf", args=[partnership.slug, agreement.pk, 1]) + query


@pytest.fixture
def signed(client_of):
    partnership = partnership_create()
    team = people(partnership)
    agreement = agreement_in_force(partnership, team)
    return partnership, agreement, client_of(team["coordinator2"])


def test_pdf_of_a_version_is_a_real_pdf_with_cyrillic_text(signed):
    partnership, agreement, client = signed

    response = client.get(_pdf_url(partnership, agreement, "?languages=de,uk&language=uk"))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("inline; filename=")
    assert response.content.startswith(b"%PDF")
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "Міста домовляються про партнерство." in " ".join(text.split())


@pytest.mark.parametrize(
    "query",
    [
        "",
        "?languages=xx",
        "?languages=en",
        "?languages=de,de",
        "?languages=de&language=xx",
        "?languages=de,uk,en",
    ],
    ids=["missing", "unknown", "without text", "twice", "unknown page language", "three"],
)
def test_pdf_with_an_unusable_language_is_a_400_with_a_message(signed, query):
    partnership, agreement, client = signed

    response = client.get(_pdf_url(partnership, agreement, query))

    assert response.status_code == 400
    assert "Bad request" in response.content.decode()


def test_comparison_marks_inserted_and_deleted_words(client_of):
    partnership = partnership_create()
    team = people(partnership)
    agreement = agreement_draft(partnership, team["coordinator1"])
    services.version_propose(version=agreement.versions.get(), by=team["coordinator1"])
    services.version_create(
        agreement=agreement,
        by=team["coordinator1"],
        texts={"de": ("Solidaritätspartnerschaft", "Die Städte vereinbaren eine Freundschaft.")},
    )

    response = client_of(team["coordinator2"]).get(
        reverse("agreements:version_diff", args=[partnership.slug, agreement.pk, 2])
        + "?language=de"
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "Freundschaft</ins>" in page
    assert "Partnerschaft</del>" in page
