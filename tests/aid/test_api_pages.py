"""Paging through an API list by cursor, as a program that keeps a list in step does: every
record once, in the order records last changed; a record changed meanwhile comes again at the
end; `updated_since` asks only for what changed; each page costs the same queries."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from pobratym.aid import services
from tests.aid.factories import need_post

pytestmark = pytest.mark.django_db


def url(partnership) -> str:
    return f"/api/v1/partnerships/{partnership.slug}/aid/needs"


def pages(client, address, **query) -> list[dict]:
    """Every page of the list, following `next` until there is none (at most ten)."""
    answers = [client.get(address, {"limit": 2, **query}).json()]
    while answers[-1]["next"] and len(answers) < 10:
        query["cursor"] = answers[-1]["next"]
        answers.append(client.get(address, {"limit": 2, **query}).json())
    return answers


def titles(answers) -> list[str]:
    return [item["title"] for answer in answers for item in answer["items"]]


def test_a_program_meets_every_record_once_in_the_order_they_changed(
    partnership, receiver, client_of
):
    for number in range(5):
        need_post(partnership, receiver, title=f"Need {number}")
    client = client_of(receiver)

    answers = pages(client, url(partnership))

    assert titles(answers) == [f"Need {number}" for number in range(5)]
    assert [len(answer["items"]) for answer in answers] == [2, 2, 1]
    assert {answer["count"] for answer in answers} == {5}


def test_a_record_changed_while_paging_comes_again_at_the_end(partnership, receiver, client_of):
    needs = [need_post(partnership, receiver, title=f"Need {number}") for number in range(4)]
    client = client_of(receiver)
    first = client.get(url(partnership), {"limit": 2}).json()

    services.need_update(need=needs[0], by=receiver, title="Need 0, corrected")
    rest = pages(client, url(partnership), cursor=first["next"])

    assert titles([first]) == ["Need 0", "Need 1"]
    assert titles(rest) == ["Need 2", "Need 3", "Need 0, corrected"]


def test_updated_since_asks_only_for_what_changed(partnership, receiver, client_of):
    needs = [need_post(partnership, receiver, title=f"Need {number}") for number in range(3)]
    since = timezone.now()
    services.need_update(need=needs[1], by=receiver, title="Need 1, corrected")
    client = client_of(receiver)

    changed = client.get(url(partnership), {"updated_since": since.isoformat()}).json()

    assert [item["title"] for item in changed["items"]] == ["Need 1, corrected"]
    assert changed["count"] == 1


def test_updated_since_takes_any_offset_as_its_instant(partnership, receiver, client_of):
    """An offset beyond ±15:59 (which PostgreSQL stores none of) is the same instant; a time
    beyond the years 1 to 9999 is a 400 naming the parameter, never a 500."""
    needs = [need_post(partnership, receiver, title=f"Need {number}") for number in range(2)]
    since = timezone.now()
    services.need_update(need=needs[1], by=receiver, title="Need 1, corrected")
    far_east = since.astimezone(dt.timezone(dt.timedelta(hours=18, minutes=45)))
    client = client_of(receiver)

    changed = client.get(url(partnership), {"updated_since": far_east.isoformat()})
    refused = client.get(url(partnership), {"updated_since": "0001-01-01T00:00:00+05:00"})

    assert [item["title"] for item in changed.json()["items"]] == ["Need 1, corrected"]
    assert refused.status_code == 400
    assert refused.json()["code"] == "invalid_parameter"
    assert "updated_since" in refused.json()["message"]


def test_every_page_costs_the_same_queries(partnership, receiver, client_of):
    for number in range(7):
        need_post(partnership, receiver, title=f"Need {number}")
    client = client_of(receiver)
    first = client.get(url(partnership), {"limit": 2}).json()
    counted = []
    for query in ({"limit": 2}, {"limit": 2, "cursor": first["next"]}, {"limit": 100}):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url(partnership), query).status_code == 200
        counted.append(len(queries))
    assert len(set(counted)) == 1, counted


def test_updated_since_without_an_offset_is_refused_saying_so(partnership, receiver, client_of):
    response = client_of(receiver).get(
        url(partnership),
        {"updated_since": "2026-05-04T09:30:00"},
        headers={"Accept-Language": "en"},
    )
    assert response.status_code == 400
    assert response.json() == {
        "code": "invalid_parameter",
        "message": "“updated_since” takes a date and time, such as 2026-05-04T09:30:00+02:00.",
    }
