"""The partnerships API: members read their own partnerships, visitors the active ones;
errors are `{code, message}`."""

import pytest
from django.test import Client

from pobratym.partnerships.models import Partnership, Role
from tests.factories import focus_area_create, member_create, partnership_create

pytestmark = pytest.mark.django_db

LIST = "/api/v1/partnerships/"


def test_member_lists_only_their_own_partnerships(partnership, other_partnership, client_of):
    staff = member_create(partnership, Role.STAFF).user

    response = client_of(staff).get(LIST)

    assert response.status_code == 200
    body = response.json()
    assert [item["slug"] for item in body] == [partnership.slug]
    assert [side["position"] for side in body[0]["sides"]] == [1, 2]
    assert body[0]["sides"][0]["city"]["country"] == "DE"


def test_person_in_no_partnership_gets_an_empty_list(client_of, outsider):
    from tests.factories import UserFactory

    assert client_of(UserFactory()).get(LIST).json() == []


def test_member_reads_details_with_focus_areas_and_member_count(partnership, client_of):
    staff = member_create(partnership, Role.STAFF).user
    member_create(partnership, Role.OBSERVER, position=2)
    focus_area_create(partnership, "youth")

    response = client_of(staff).get(f"{LIST}{partnership.slug}")

    assert response.status_code == 200
    body = response.json()
    assert body["slug"] == partnership.slug
    assert body["member_count"] == 2
    assert body["focus_areas"] == [{"key": "youth", "name": "Youth"}]


def test_other_partnership_is_not_found_as_json(partnership, other_partnership, client_of):
    staff = member_create(partnership, Role.STAFF).user

    response = client_of(staff).get(f"{LIST}{other_partnership.slug}")

    assert response.status_code == 404
    assert response.json() == {"code": "not_found", "message": "Not found."}


def test_unknown_partnership_is_not_found_as_json(partnership, client_of):
    staff = member_create(partnership, Role.STAFF).user
    response = client_of(staff).get(f"{LIST}nothing-here")
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_a_visitor_reads_the_active_partnerships_and_nothing_of_their_members(partnership):
    focus_area_create(partnership, "youth")
    proposed = partnership_create(status=Partnership.Status.PROPOSED)
    visitor = Client()

    listed = visitor.get(LIST)
    assert [item["slug"] for item in listed.json()] == [partnership.slug]
    detail = visitor.get(f"{LIST}{partnership.slug}").json()
    assert detail["focus_areas"] == [{"key": "youth", "name": "Youth"}]
    assert detail["member_count"] is None
    for path in (f"{LIST}{proposed.slug}", f"{LIST}nothing-here"):
        response = visitor.get(path)
        assert response.status_code == 404
        assert response.json() == {"code": "not_found", "message": "Not found."}


def test_a_visitor_is_asked_to_sign_in_to_change_anything(partnership):
    response = Client().post(
        f"/api/v1/partnerships/{partnership.slug}/projects", {}, content_type="application/json"
    )
    assert response.status_code == 401
    assert response.json() == {"code": "unauthenticated", "message": "Please sign in."}


def test_api_answers_in_the_language_of_the_browser(partnership, client_of):
    staff = member_create(partnership, Role.STAFF, language="").user

    response = client_of(staff).get(LIST, headers={"accept-language": "uk"})

    city = partnership.sides.get(position=1).city
    assert response.json()[0]["sides"][0]["city"]["name"] == city.name_uk


def test_the_cities_of_my_partnerships_or_for_a_visitor_of_the_active_ones(
    partnership, other_partnership, client_of
):
    proposed = partnership_create(status=Partnership.Status.PROPOSED)
    staff = member_create(partnership, Role.STAFF).user

    def names(client) -> set[str]:
        return {city["name"] for city in client.get("/api/v1/cities").json()}

    def of(*partnerships) -> set[str]:
        return {side.city.name for p in partnerships for side in p.sides.all()}

    assert names(client_of(staff)) == of(partnership)
    assert names(Client()) == of(partnership, other_partnership)
    assert not names(Client()) & of(proposed)
    city = client_of(staff).get("/api/v1/cities").json()[0]
    assert city["partnerships"] == [partnership.slug]
    assert city["country"] in ("DE", "UA")


def test_focus_areas_for_members_and_visitors_alike(partnership, client_of):
    focus_area_create(partnership, "youth")
    focus_area_create(partnership, "health")
    staff = member_create(partnership, Role.STAFF).user
    path = f"{LIST}{partnership.slug}/focus-areas"

    for client in (client_of(staff), Client()):
        areas = client.get(path).json()
        assert {area["key"] for area in areas} == {"youth", "health"}
        assert [area["position"] for area in areas] == sorted(area["position"] for area in areas)
    proposed = partnership_create(status=Partnership.Status.PROPOSED)
    assert Client().get(f"{LIST}{proposed.slug}/focus-areas").status_code == 404
