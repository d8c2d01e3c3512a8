"""An event's participants in the API: numbers for every member, names and travel dates only
for those who may see the directory's contacts (the offices), as on the event's page."""

import pytest

from pobratym.partnerships.models import Role
from tests.exchanges import people
from tests.exchanges.people import minor_fields, participant_make

pytestmark = pytest.mark.django_db
cast, office, event = people.cast, people.office, people.event
dortmund_organisation = people.dortmund_organisation
zhytomyr_organisation = people.zhytomyr_organisation
anna, taras = people.anna, people.taras


def _detail(client, event):
    answer = client.get(f"/api/v1/partnerships/{event.partnership.slug}/events/{event.pk}")
    assert answer.status_code == 200
    return answer.json()["participants"]


def test_the_offices_read_names_the_others_only_numbers(
    event, anna, taras, office, cast, client_of
):
    participant_make(event, anna, office, role="head")
    participant_make(event, taras, office, **minor_fields())

    seen = _detail(client_of(cast[(Role.STAFF, 2)]), event)
    assert (seen["total"], seen["minors"]) == (2, 1)
    assert {person["name"] for person in seen["names"]} == {anna.name, taras.name}
    assert [p["minor"] for p in seen["names"] if p["name"] == taras.name] == [True]

    counted = _detail(client_of(cast[(Role.OBSERVER, 2)]), event)
    assert (counted["total"], counted["minors"], counted["names"]) == (2, 1, None)
    assert sum(role["count"] for role in counted["by_role"]) == 2
    text = str(counted)
    assert anna.name not in text and taras.name not in text
