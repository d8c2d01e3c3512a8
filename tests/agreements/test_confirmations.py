"""Proposing a version for signature and removing a letter's scan ask first (GET) on a page
that says what will happen; signing and a notice of termination say it on their own pages."""

import pytest
from django.urls import reverse

from pobratym.agreements.models import LetterScan
from pobratym.agreements.services import letters
from pobratym.partnerships.models import Role
from tests.agreements.factories import agreement_draft, agreement_in_force, people
from tests.agreements.letter_factories import letter_register, pdf_upload
from tests.factories import member_create, partnership_create

pytestmark = pytest.mark.django_db


def _url(name, partnership, *args):
    return reverse(f"agreements:{name}", args=[partnership.slug, *args])


def test_proposing_a_version_asks_first_and_changes_nothing(client_of):
    partnership = partnership_create()
    team = people(partnership)
    agreement = agreement_draft(partnership, team["coordinator1"], title="Draft")
    address = _url("version_propose", partnership, agreement.pk, 1)

    detail = client_of(team["coordinator1"]).get(_url("detail", partnership, agreement.pk))
    assert f'href="{address}"' in detail.content.decode()
    page = client_of(team["coordinator1"]).get(address)

    assert page.status_code == 200
    text = page.content.decode()
    assert "What will happen" in text
    assert "Yes, propose it for signature" in text
    assert not agreement.versions.get().is_frozen

    assert client_of(team["coordinator1"]).post(address).status_code == 302
    assert agreement.versions.get().is_frozen


def test_the_termination_page_says_what_will_happen_with_a_danger_button(client_of):
    partnership = partnership_create()
    team = people(partnership)
    agreement = agreement_in_force(partnership, team, title="In force")

    page = client_of(team["signatory1"]).get(_url("terminate", partnership, agreement.pk))

    text = page.content.decode()
    assert "What will happen" in text
    assert "kern-btn--danger" in text
    assert "No, go back" in text


def test_removing_a_letter_scan_asks_first_then_removes_it(client_of):
    partnership = partnership_create()
    registrar = member_create(partnership, Role.COORDINATOR, position=1).user
    letter = letter_register(partnership, registrar)
    scan = letters.letter_scan_add(letter=letter, by=registrar, upload=pdf_upload())
    address = _url("letter_scan_remove", partnership, letter.pk, scan.pk)
    client = client_of(registrar)

    assert (
        f'href="{address}"'
        in client.get(_url("letter_detail", partnership, letter.pk)).content.decode()
    )
    page = client.get(address)

    text = page.content.decode()
    assert page.status_code == 200
    assert "What will happen" in text
    assert "Yes, remove the scan" in text
    assert "kern-btn--danger" in text
    assert LetterScan.objects.filter(pk=scan.pk).exists()

    assert client.post(address).status_code == 302
    assert not LetterScan.objects.filter(pk=scan.pk).exists()
