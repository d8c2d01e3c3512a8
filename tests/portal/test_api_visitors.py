"""What a visitor (no session, no token) reads of one record through the API: the public part
the portal shows, in its own shape, and nothing of what members read beside it."""

from decimal import Decimal

import pytest
from django.test import Client

from pobratym.aid import services as aid
from pobratym.partnerships.models import Role
from tests.aid.factories import need_post
from tests.directory.factories import contact_add, organisation_add
from tests.exchanges.factories import event_add
from tests.exchanges.people import participant_make
from tests.projects.conftest import project_add

pytestmark = pytest.mark.django_db


def api(partnership) -> str:
    return f"/api/v1/partnerships/{partnership.slug}"


def test_a_public_project_without_its_money_organisations_or_links(partnership, cast, client_of):
    office = cast[(Role.STAFF, 1)]
    project = project_add(partnership, office, title="Bürgerportal", public=True)
    cancelled = project_add(partnership, office, title="Abgesagt", public=True, status="cancelled")
    address = f"{api(partnership)}/projects/{project.pk}"

    seen = Client().get(address).json()
    member = client_of(office).get(address).json()

    assert seen["title"] == "Bürgerportal" and seen["description"]
    assert {"budget", "organisations", "applications", "needs", "events"} <= set(member)
    assert not {"budget", "organisations", "applications", "needs", "events"} & set(seen)
    gone = Client().get(f"{api(partnership)}/projects/{cancelled.pk}")
    assert gone.status_code == 404


def test_a_public_event_with_how_many_take_part_and_not_who(partnership, cast, client_of):
    office = cast[(Role.STAFF, 1)]
    event = event_add(partnership, office, title="Kulturabend", public=True)
    organisation = organisation_add(partnership, office, name="Chor Alpha")
    participant_make(event, contact_add(organisation, office, name="Olena Koval"), office)
    address = f"{api(partnership)}/events/{event.pk}"

    seen = Client().get(address).json()

    assert (seen["title"], seen["participant_count"]) == ("Kulturabend", 1)
    assert not {"agenda", "follow_ups", "participants", "outcomes"} & set(seen)
    assert "Olena Koval" not in Client().get(address).content.decode()
    assert "Olena Koval" in client_of(office).get(address).content.decode()


def test_a_public_need_never_with_its_address(partnership, cast):
    receiver = cast[(Role.COORDINATOR, 2)]
    need = need_post(
        partnership,
        receiver,
        address="Hauptstraße 1",
        critical_infrastructure=True,
        lines=[{"item": "Decke", "quantity": Decimal(5), "unit": "piece"}],
    )
    hidden = Client().get(f"{api(partnership)}/aid/needs/{need.pk}")
    aid.need_publish(need=need, by=receiver, public=True)

    seen = Client().get(f"{api(partnership)}/aid/needs/{need.pk}").json()

    assert hidden.status_code == 404
    assert (seen["address"], seen["critical_infrastructure"]) == (None, None)
    assert seen["lines"][0]["item"] == "Decke"


@pytest.mark.parametrize("method", ["post", "patch", "delete"])
def test_a_visitor_changes_nothing(partnership, method):
    response = getattr(Client(), method)(
        f"{api(partnership)}/aid/needs", {}, content_type="application/json"
    )
    assert response.status_code in (401, 405)
    if response.status_code == 401:
        assert response.json()["code"] == "unauthenticated"


def test_a_header_that_is_no_token_is_not_taken_for_a_visitor(partnership):
    response = Client().get(f"{api(partnership)}/projects", headers={"Authorization": "Basic eA=="})
    assert response.status_code == 401
