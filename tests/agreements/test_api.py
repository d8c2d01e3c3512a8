"""The agreements API: members read agreements of their partnership; a visitor reads those in
force as the public portal shows them, nothing more."""

import pytest

from pobratym.agreements.services import amendments
from tests.agreements.factories import agreement_draft, agreement_in_force, approve_here, people
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def url(partnership, agreement=None) -> str:
    base = f"/api/v1/partnerships/{partnership.slug}/agreements"
    return f"{base}/{agreement.pk}" if agreement else base


def test_member_reads_state_signatures_and_amendments(partnership, staff, client_of):
    team = people(partnership)
    agreement = agreement_in_force(partnership, team)
    amendment = amendments.amendment_propose(
        agreement=agreement, by=team["coordinator2"], texts={"uk": ("Зміна", "Молодь")}
    )
    approve_here(amendment, team["signatory1"])

    listing = client_of(staff).get(url(partnership)).json()
    detail = client_of(staff).get(url(partnership, agreement)).json()

    assert [(a["id"], a["state"]) for a in listing] == [(agreement.pk, "in_force")]
    assert detail["legally_binding"] is False
    assert [s["side"] for s in detail["signatures"]] == [1, 2]
    assert {s["fingerprint"] for s in detail["signatures"]} == {detail["current_fingerprint"]}
    assert detail["amendments"][0]["approved_by_sides"] == [1]
    assert detail["amendments"][0]["texts"][0]["body"] == "Молодь"


def test_other_partnerships_agreements_are_not_found(partnership, other_partnership, client_of):
    team = people(partnership)
    agreement = agreement_draft(partnership, team["coordinator1"])
    outsider = people(other_partnership)["coordinator1"]

    response = client_of(outsider).get(url(partnership, agreement))
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"
    wrong_partnership = client_of(outsider).get(url(other_partnership, agreement))
    assert wrong_partnership.status_code == 404
    assert client_of(UserFactory()).get(url(partnership)).status_code == 404


def test_a_visitor_reads_only_the_signed_agreements_as_the_portal_tells_them(partnership, client):
    team = people(partnership)
    signed = agreement_in_force(partnership, team)
    draft = agreement_draft(partnership, team["coordinator1"])
    amendment = amendments.amendment_propose(
        agreement=signed, by=team["coordinator2"], texts={"uk": ("Зміна", "Молодь")}
    )
    approve_here(amendment, team["signatory1"])

    listing = client.get(url(partnership))

    assert listing.status_code == 200
    [agreement] = listing.json()
    assert (agreement["id"], agreement["state"]) == (signed.pk, "in_force")
    assert agreement["amendments_in_force"] == []  # proposed, approved by one side only
    assert set(agreement) == {
        "id",
        "kind",
        "title",
        "state",
        "in_force_from",
        "ends_on",
        "amendments_in_force",
    }
    for record in (signed, draft):
        assert client.get(url(partnership, record)).json()["code"] == "not_found"
