"""Correcting a need through the API: a change names the revision it was built on; one built
on an older revision is refused with the need as it is now, and nothing is saved."""

import pytest

from pobratym.aid import services
from tests.aid.test_api import base

pytestmark = pytest.mark.django_db


def patch(client, need, body):
    path = f"{base(need.partnership)}/needs/{need.pk}"
    return client.patch(path, body, content_type="application/json")


def test_a_change_from_the_current_revision_is_saved_and_moves_it_on(need, receiver, client_of):
    response = patch(client_of(receiver), need, {"revision": need.revision, "title": "Dressings"})

    need.refresh_from_db()
    assert response.status_code == 200, response.json()
    assert response.json()["revision"] == need.revision == 2
    assert response.json()["title"] == need.title == "Dressings"
    assert need.institution and need.address  # what was left out stays


def test_a_change_from_an_older_revision_is_refused_with_the_need_as_it_is_now(
    need, receiver, client_of
):
    services.need_update(need=need, by=receiver, revision=1, title="Changed meanwhile")

    response = patch(client_of(receiver), need, {"revision": 1, "title": "Mine"})

    need.refresh_from_db()
    body = response.json()
    assert response.status_code == 409
    assert body["code"] == "stale_revision" and body["message"]
    assert body["current"]["revision"] == need.revision == 2
    assert body["current"]["title"] == need.title == "Changed meanwhile"


def test_a_change_without_its_revision_is_refused(need, receiver, client_of):
    response = patch(client_of(receiver), need, {"title": "Mine"})

    need.refresh_from_db()
    assert response.status_code == 422
    assert need.title != "Mine" and need.revision == 1


def test_only_the_receiving_office_changes_a_need(need, donor, client_of):
    response = patch(client_of(donor), need, {"revision": 1, "title": "Mine"})

    need.refresh_from_db()
    assert response.status_code == 403
    assert need.title != "Mine"
