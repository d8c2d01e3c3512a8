"""The directory API: organisations for members, contacts for the offices, nothing for people
of another partnership, and a constant number of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from pobratym.partnerships.models import Role
from tests.directory.factories import contact_add, organisation_add
from tests.factories import focus_area_create

pytestmark = pytest.mark.django_db


def base(partnership) -> str:
    return f"/api/v1/partnerships/{partnership.slug}/directory"


def test_members_list_and_read_organisations(partnership, organisation, cast, client_of):
    client = client_of(cast[(Role.OBSERVER, 2)])
    listed = client.get(f"{base(partnership)}/organisations")
    assert listed.status_code == 200
    body = listed.json()
    assert body["count"] == 1
    item = body["items"][0]
    assert item["name"] == "Stadtwerke Alpha"
    assert item["side"] == 1 and item["kind"] == "civil_society"
    detail = client.get(f"{base(partnership)}/organisations/{organisation.pk}")
    assert detail.status_code == 200
    assert detail.json()["has_logo"] is False


def test_organisations_are_filtered_by_city_and_type(partnership, organisation, cast, client_of):
    organisation_add(partnership, cast[(Role.STAFF, 2)], kind="school", name="School")
    client = client_of(cast[(Role.STAFF, 1)])
    by_city = client.get(f"{base(partnership)}/organisations", {"side": 2}).json()
    assert [item["name"] for item in by_city["items"]] == ["School"]
    by_kind = client.get(f"{base(partnership)}/organisations", {"kind": "civil_society"}).json()
    assert [item["name"] for item in by_kind["items"]] == ["Stadtwerke Alpha"]


def test_contacts_are_for_the_offices_only(partnership, contact, cast, client_of):
    office = client_of(cast[(Role.STAFF, 2)])
    listed = office.get(f"{base(partnership)}/contacts").json()
    assert [item["email"] for item in listed["items"]] == ["anna@example.org"]
    detail = office.get(f"{base(partnership)}/contacts/{contact.pk}")
    assert detail.json()["languages"] == ["de", "en"]
    partner = client_of(cast[(Role.PARTNER, 1)])
    refused = partner.get(f"{base(partnership)}/contacts")
    assert refused.status_code == 403
    assert refused.json()["code"] == "forbidden"


def test_people_of_another_partnership_find_nothing(partnership, contact, outsider, client_of):
    client = client_of(outsider)
    for path in (
        "organisations",
        f"organisations/{contact.organisation_id}",
        "contacts",
        f"contacts/{contact.pk}",
    ):
        response = client.get(f"{base(partnership)}/{path}")
        assert response.status_code == 404, path
        assert response.json()["code"] == "not_found"


def test_a_visitor_finds_no_organisation(partnership, organisation, client):
    assert client.get(f"{base(partnership)}/organisations").status_code == 404
    assert client.get(f"{base(partnership)}/organisations/{organisation.pk}").status_code == 404


def test_the_list_costs_the_same_queries_however_many_organisations(partnership, office, client_of):
    client = client_of(office)
    area = focus_area_create(partnership)
    organisation = organisation_add(partnership, office, focus_areas=[area])
    contact_add(organisation, office)
    client.get(f"{base(partnership)}/organisations")
    with CaptureQueriesContext(connection) as few:
        client.get(f"{base(partnership)}/organisations")
    for _ in range(4):
        contact_add(organisation_add(partnership, office, focus_areas=[area]), office)
    with CaptureQueriesContext(connection) as many:
        assert client.get(f"{base(partnership)}/organisations").json()["count"] == 5
    assert len(many) == len(few)
