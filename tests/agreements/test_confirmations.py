"""Proposing a version for signature asks first (GET) on a page that says what will happen;
signing and a notice of termination say it on their own pages."""

import pytest
from django.urls import reverse

from tests.agreements.factories import agreement_draft, agreement_in_force, people
from tests.factories import partnership_create

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
