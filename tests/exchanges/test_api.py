"""The events API: the events of every partnership a person is a member of with filters, one
event, adding one once per key (201, 200 for a repeat, 409 for the key with other content),
bad input refused with its code, nothing for people of another partnership, and a constant
number of queries."""

import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from pobratym.exchanges.models import Event
from pobratym.partnerships.models import Role
from tests.exchanges.factories import event_add, wall_clock
from tests.factories import focus_area_create, member_create, partnership_create

pytestmark = pytest.mark.django_db

LIST = "/api/v1/events"


def base(partnership) -> str:
    return f"/api/v1/partnerships/{partnership.slug}/events"


def post(client, path, body, key=None):
    headers = {"Idempotency-Key": str(key)} if key else {}
    return client.post(path, body, content_type="application/json", headers=headers)


def body(**fields) -> dict:
    return {
        "kind": "online",
        "title": "Digitalisation round table",
        "starts_at": "2031-05-12T10:00",
        "ends_at": "2031-05-12T12:00",
        "time_zone": "Europe/Kyiv",
        "host_side": 2,
        "visiting_side": 1,
        "language": "en",
        **fields,
    }


def test_members_list_the_events_of_all_their_partnerships(partnership, office, cast, client_of):
    area = focus_area_create(partnership)
    event_add(partnership, office, title="Visit", focus_area=area)
    event_add(
        partnership,
        office,
        title="Camp",
        kind="youth",
        starts_at=wall_clock(90),
        ends_at=wall_clock(91),
    )
    elsewhere = partnership_create()
    person = cast[(Role.OBSERVER, 2)]
    other_coordinator = member_create(elsewhere, Role.COORDINATOR).user
    member_create(elsewhere, Role.OBSERVER, position=1, email="twice@example.org")
    event_add(elsewhere, other_coordinator, title="Elsewhere")
    client = client_of(person)

    listed = client.get(LIST).json()
    assert [item["title"] for item in listed["items"]] == ["Visit", "Camp"]
    item = listed["items"][0]
    assert item["partnership"] == partnership.slug
    assert item["host_side"] == 1 and item["visiting_side"] == 2
    assert item["starts_at"].endswith(("+01:00", "+02:00"))  # Berlin time
    assert item["focus_area"] == area.key
    assert [i["title"] for i in client.get(LIST, {"kind": "youth"}).json()["items"]] == ["Camp"]
    by_area = client.get(LIST, {"focus_area": area.key}).json()["items"]
    assert [i["title"] for i in by_area] == ["Visit"]
    later = client.get(LIST, {"from": wall_clock(60).date().isoformat()}).json()["items"]
    assert [i["title"] for i in later] == ["Camp"]
    sooner = client.get(LIST, {"to": wall_clock(60).date().isoformat()}).json()["items"]
    assert [i["title"] for i in sooner] == ["Visit"]
    assert client_of(other_coordinator).get(LIST).json()["count"] == 1


def test_the_list_keeps_its_number_of_queries(partnership, office, client_of):
    client = client_of(office)
    event_add(partnership, office)
    client.get(LIST)
    with CaptureQueriesContext(connection) as few:
        client.get(LIST)
    for days in range(5):
        event_add(partnership, office, starts_at=wall_clock(days + 1), ends_at=wall_clock(40))
    with CaptureQueriesContext(connection) as many:
        assert client.get(LIST).json()["count"] == 6
    assert len(many) == len(few)


def test_one_event_with_its_agenda_in_its_time_zone(partnership, event, office, cast, client_of):
    from pobratym.exchanges import services

    services.agenda_item_add(event=event, by=office, title="Welcome", starts_at=wall_clock(30, 9))
    detail = client_of(cast[(Role.PARTNER, 2)]).get(f"{base(partnership)}/{event.pk}")
    assert detail.status_code == 200
    data = detail.json()
    assert data["agenda"][0]["title"] == "Welcome"
    assert data["agenda"][0]["starts_at"].startswith(wall_clock(30, 9).isoformat())
    assert data["time_zone"] == "Europe/Berlin"
    assert client_of(cast.outsider()).get(f"{base(partnership)}/{event.pk}").status_code == 404


def test_an_event_is_added_once_per_key(partnership, office, client_of):
    client = client_of(office)
    key = uuid.uuid4()
    first = post(client, base(partnership), body(), key)
    again = post(client, base(partnership), body(), key)
    other = post(client, base(partnership), body(title="Another"), key)
    assert (first.status_code, again.status_code, other.status_code) == (201, 200, 409)
    assert first.json()["id"] == again.json()["id"]
    assert other.json()["code"] == "idempotency_key_reused"
    assert first.json()["starts_at"] == "2031-05-12T10:00:00+03:00"
    assert Event.objects.count() == 1


def add_at(client, partnership, starts_at, ends_at):
    """Add an event at these times, as a program sends them."""
    return post(client, base(partnership), body(starts_at=starts_at, ends_at=ends_at), uuid.uuid4())


def test_a_time_before_its_zone_kept_whole_minutes_comes_in_utc(partnership, office, client_of):
    """Kyiv kept local mean time, UTC+02:02:04, until 1924: an RFC 3339 date-time cannot
    write that offset, so such times come in UTC, the same instant."""
    made = add_at(client_of(office), partnership, "1920-05-12T10:00", "1920-05-12T12:00")
    assert made.status_code == 201
    assert (made.json()["starts_at"], made.json()["ends_at"]) == (
        "1920-05-12T07:57:56Z",
        "1920-05-12T09:57:56Z",
    )


def test_an_offset_postgresql_cannot_store_is_read_as_its_instant(partnership, office, client_of):
    """Python reads offsets up to ±23:59, PostgreSQL stores none beyond ±15:59: such a time is
    the same instant, shown on the event's clock; one beyond the calendar is refused."""
    client = client_of(office)
    made = add_at(client, partnership, "2031-05-12T10:00+18:45", "2031-05-12T12:00+18:45")
    assert made.status_code == 201
    assert made.json()["starts_at"] == "2031-05-11T18:15:00+03:00"

    refused = add_at(client, partnership, "0001-01-01T00:00+05:00", "2031-05-12T12:00")
    assert refused.status_code == 422
    assert refused.json()["errors"][0]["loc"][-1] == "starts_at"
    assert Event.objects.count() == 1


@pytest.mark.parametrize(
    ("fields", "code"),
    [
        ({"ends_at": "2031-05-11T10:00"}, "ends_before_start"),
        ({"visiting_side": 2}, "visitors_are_hosts"),
        ({"focus_area": "no-such-area"}, "focus_area_elsewhere"),
    ],
)
def test_bad_input_is_refused_with_its_code(partnership, office, client_of, fields, code):
    response = post(client_of(office), base(partnership), body(**fields), uuid.uuid4())
    assert response.status_code == 400
    assert response.json()["code"] == code
    assert not Event.objects.exists()


def test_adding_needs_a_key_and_an_office(partnership, office, cast, client_of):
    assert post(client_of(office), base(partnership), body()).status_code == 400
    refused = post(client_of(cast[(Role.PARTNER, 1)]), base(partnership), body(), uuid.uuid4())
    assert refused.status_code == 403
    hidden = post(client_of(cast.outsider()), base(partnership), body(), uuid.uuid4())
    assert hidden.status_code == 404
    assert not Event.objects.exists()
