"""The conversations API: who reads which thread, messages in the reader's language, starting
threads and replying once per key, marking read, and a constant number of queries."""

import uuid

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from pobratym.conversations import services
from pobratym.conversations.models import Message, Thread
from pobratym.partnerships.models import Role
from tests.agreements.letter_factories import letter_register
from tests.conversations.factories import post as reply
from tests.conversations.factories import thread_start
from tests.factories import UserFactory, member_create

pytestmark = pytest.mark.django_db


def base(partnership) -> str:
    return f"/api/v1/partnerships/{partnership.slug}/threads"


def post(client, path, body=None, key=None):
    headers = {"Idempotency-Key": str(key)} if key else {}
    return client.post(path, body or {}, content_type="application/json", headers=headers)


def thread_body(**fields) -> dict:
    return {"subject": "Summer school", "body": "Shall we plan it?", "language": "en", **fields}


@pytest.fixture
def thread(partnership, coordinator):
    return thread_start(partnership, coordinator, body="Guten Tag", language="de")


@pytest.fixture
def reader(partnership):
    """A member of the other side who reads German."""
    return member_create(partnership, Role.STAFF, position=2, language="de").user


# --- who reads what ---


def test_a_member_reads_the_threads_and_a_thread_with_its_messages(
    partnership, coordinator, staff, thread, client_of
):
    reply(thread, coordinator, "Wie geht es?", language="de")
    client = client_of(staff)

    listed = client.get(base(partnership))
    detail = client.get(f"{base(partnership)}/{thread.pk}")

    assert listed.status_code == 200
    assert listed.json()["count"] == 1
    [item] = listed.json()["items"]
    assert item["id"] == thread.pk
    assert item["subject"] == "Our next steps"
    assert item["created_by"] == {"id": coordinator.pk, "name": coordinator.name}
    assert (item["message_count"], item["unread_count"]) == (2, 2)
    assert detail.status_code == 200
    body = detail.json()
    assert [message["original"]["text"] for message in body["messages"]] == [
        "Guten Tag",
        "Wie geht es?",
    ]
    assert body["participants"] == [{"id": coordinator.pk, "name": coordinator.name}]
    assert body["about"] is None


def test_the_list_is_paginated(partnership, coordinator, client_of):
    for number in range(3):
        thread_start(partnership, coordinator, subject=f"Thread {number}")

    client = client_of(coordinator)
    first = client.get(f"{base(partnership)}?limit=2").json()
    rest = client.get(base(partnership), {"limit": 2, "cursor": first["next"]}).json()

    assert (first["count"], rest["count"], rest["next"]) == (3, 3, None)
    subjects = [item["subject"] for item in first["items"] + rest["items"]]
    assert subjects == ["Thread 0", "Thread 1", "Thread 2"]


def test_a_member_of_another_partnership_finds_nothing(partnership, thread, outsider, client_of):
    client = client_of(outsider)
    paths = [base(partnership), f"{base(partnership)}/{thread.pk}"]

    for path in paths:
        response = client.get(path)
        assert response.status_code == 404, path
        assert response.json() == {"code": "not_found", "message": "Not found."}
    assert post(client, f"{base(partnership)}/{thread.pk}/read").status_code == 404
    assert post(client, base(partnership), thread_body(), uuid.uuid4()).status_code == 404
    assert Thread.objects.count() == 1


def test_a_thread_of_another_partnership_is_not_found_through_ones_own(
    partnership, other_partnership, coordinator, outsider, client_of
):
    elsewhere = thread_start(other_partnership, outsider)

    response = client_of(coordinator).get(f"{base(partnership)}/{elsewhere.pk}")

    assert response.status_code == 404


def test_the_record_a_thread_is_about_is_named_only_to_those_who_may_see_it(partnership, client_of):
    office = member_create(partnership, Role.STAFF, 1).user
    observer = member_create(partnership, Role.OBSERVER, 2).user
    letter = letter_register(partnership, office, subject="Confidential subject of a letter")
    thread = thread_start(partnership, office, attached_to=letter)
    url = f"{base(partnership)}/{thread.pk}"

    assert client_of(office).get(url).json()["about"] == f"agreements.letter:{letter.pk}"
    assert client_of(observer).get(url).json()["about"] is None


def test_a_restricted_thread_is_invisible_to_members_not_taking_part(
    partnership, coordinator, staff, client_of
):
    taking_part = member_create(partnership, Role.STAFF, position=2).user
    restricted = thread_start(partnership, coordinator, restricted=True, participants=[taking_part])
    url = f"{base(partnership)}/{restricted.pk}"
    client = client_of(staff)

    assert client.get(base(partnership)).json() == {"items": [], "count": 0, "next": None}
    assert client.get(url).status_code == 404
    assert post(client, f"{url}/messages", {"body": "Hi"}, uuid.uuid4()).status_code == 404
    assert post(client, f"{url}/read").status_code == 404
    assert client_of(taking_part).get(url).status_code == 200
    assert restricted.messages.count() == 1


def test_visitors_find_no_thread_and_are_asked_to_sign_in_to_write(partnership, thread):
    client = Client()

    for response in (client.get(base(partnership)), client.get(f"{base(partnership)}/{thread.pk}")):
        assert response.status_code == 404
        assert response.json() == {"code": "not_found", "message": "Not found."}
    response = post(client, base(partnership), thread_body(), uuid.uuid4())
    assert response.status_code == 401
    assert response.json() == {"code": "unauthenticated", "message": "Please sign in."}


def test_observers_read_and_mark_read_but_do_not_write(partnership, thread, client_of):
    observer = member_create(partnership, Role.OBSERVER, position=2).user
    client = client_of(observer)
    url = f"{base(partnership)}/{thread.pk}"

    assert client.get(url).status_code == 200
    assert post(client, f"{url}/read").json() == {"marked": 1}
    assert post(client, base(partnership), thread_body(), uuid.uuid4()).status_code == 403
    assert post(client, f"{url}/messages", {"body": "Hi"}, uuid.uuid4()).status_code == 403
    assert (Thread.objects.count(), Message.objects.count()) == (1, 1)


# --- starting a thread and replying, once per key ---


def test_starting_a_thread_twice_with_one_key_makes_one_thread(
    partnership, coordinator, other_side_coordinator, client_of
):
    client = client_of(coordinator)
    key = uuid.uuid4()
    body = thread_body(participants=[other_side_coordinator.pk], restricted=True)

    first = post(client, base(partnership), body, key)
    again = post(client, base(partnership), body, key)

    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json() == again.json()
    assert first.json()["restricted"] is True
    assert {person["id"] for person in first.json()["participants"]} == {
        coordinator.pk,
        other_side_coordinator.pk,
    }
    assert Thread.objects.get().pk == first.json()["id"]
    assert Message.objects.count() == 1


def test_the_same_key_with_another_body_is_a_conflict(partnership, coordinator, client_of):
    client = client_of(coordinator)
    key = uuid.uuid4()
    post(client, base(partnership), thread_body(), key)

    response = post(client, base(partnership), thread_body(subject="Something else"), key)

    assert response.status_code == 409
    assert response.json()["code"] == "idempotency_key_reused"
    assert Thread.objects.get().subject == "Summer school"


@pytest.mark.parametrize(
    ("key", "code"),
    [(None, "idempotency_key_missing"), ("not-a-uuid", "idempotency_key_invalid")],
    ids=["missing", "not a uuid"],
)
def test_creating_needs_an_idempotency_key(partnership, coordinator, thread, client_of, key, code):
    client = client_of(coordinator)

    started = post(client, base(partnership), thread_body(), key)
    replied = post(client, f"{base(partnership)}/{thread.pk}/messages", {"body": "Hi"}, key)

    for response in (started, replied):
        assert response.status_code == 400
        assert response.json()["code"] == code
    assert (Thread.objects.count(), Message.objects.count()) == (1, 1)


def test_replying_twice_with_one_key_posts_once(
    partnership, thread, other_side_coordinator, client_of
):
    client = client_of(other_side_coordinator)
    url = f"{base(partnership)}/{thread.pk}/messages"
    key = uuid.uuid4()

    first = post(client, url, {"body": "Добрий день", "language": "uk"}, key)
    again = post(client, url, {"body": "Добрий день", "language": "uk"}, key)
    other = post(client, url, {"body": "Привіт", "language": "uk"}, key)

    assert (first.status_code, again.status_code, other.status_code) == (201, 200, 409)
    assert first.json()["id"] == again.json()["id"]
    assert first.json()["original"] == {"language": "uk", "text": "Добрий день"}
    assert first.json()["author"]["id"] == other_side_coordinator.pk
    assert thread.messages.count() == 2


def test_participants_must_be_members_and_unknown_ids_say_no_more(
    partnership, coordinator, outsider, client_of
):
    client = client_of(coordinator)

    for participant in (outsider.pk, 2**62):
        response = post(
            client, base(partnership), thread_body(participants=[participant]), uuid.uuid4()
        )
        assert response.status_code == 400
        assert response.json() == {
            "code": "not_a_member",
            "message": "Only members of the partnership can take part in a thread.",
        }
    assert not Thread.objects.exists()


@pytest.mark.parametrize(
    "body",
    [
        {"subject": "", "body": "x"},
        {"subject": "x"},
        {"subject": "x", "body": "x", "language": "fr"},
    ],
    ids=["empty subject", "no body", "unknown language"],
)
def test_malformed_threads_are_refused_before_anything_is_stored(
    partnership, coordinator, client_of, body
):
    response = post(client_of(coordinator), base(partnership), body, uuid.uuid4())

    assert response.status_code == 422
    assert response.json()["code"] == "invalid"
    assert not Thread.objects.exists()


def test_an_empty_message_is_refused_with_the_services_reason(
    partnership, thread, coordinator, client_of
):
    url = f"{base(partnership)}/{thread.pk}/messages"

    response = post(client_of(coordinator), url, {"body": "   "}, uuid.uuid4())

    assert response.status_code == 400
    assert response.json() == {"code": "empty", "message": "Please write a message."}


# --- the reader's language and read state ---


def test_a_message_is_shown_in_the_readers_language_once_translated(
    partnership, coordinator, other_side_coordinator, reader, client_of
):
    thread = thread_start(partnership, other_side_coordinator, body="Добрий день", language="uk")
    url = f"{base(partnership)}/{thread.pk}"
    client = client_of(reader)
    [before] = client.get(url).json()["messages"]

    services.translation_save(
        message=thread.messages.get(), by=coordinator, language="de", text="Guten Tag", revision=0
    )
    [after] = client.get(url).json()["messages"]

    assert (before["language"], before["text"]) == ("uk", "Добрий день")
    assert before["translation"] is None
    assert before["needs_translation"] is True
    assert (after["language"], after["text"]) == ("de", "Guten Tag")
    assert after["translation"] == {
        "language": "de",
        "kind": "human",
        "translated_by": {"id": coordinator.pk, "name": coordinator.name},
        "revision": 1,
    }
    assert after["original"] == {"language": "uk", "text": "Добрий день"}
    assert after["needs_translation"] is False


def test_marking_a_thread_read_clears_its_unread_count(
    partnership, thread, coordinator, reader, client_of
):
    reply(thread, coordinator, "Noch etwas", language="de")
    client = client_of(reader)

    def unread() -> int:
        return client.get(base(partnership)).json()["items"][0]["unread_count"]

    before = unread()
    client.get(f"{base(partnership)}/{thread.pk}")  # reading alone changes nothing
    unchanged = unread()
    marked = post(client, f"{base(partnership)}/{thread.pk}/read")
    again = post(client, f"{base(partnership)}/{thread.pk}/read")

    assert (before, unchanged) == (2, 2)
    assert (marked.status_code, marked.json()) == (200, {"marked": 2})
    assert again.json() == {"marked": 0}
    assert unread() == 0


# --- cost and contract ---


def _queries(client, url: str) -> int:
    client.get(url)  # what a process reads once (content types) is not the answer's cost
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context)


def test_the_list_and_a_thread_make_the_same_number_of_queries_as_data_grows(
    partnership, coordinator, reader, django_assert_max_num_queries, client_of
):
    client = client_of(reader)
    thread = thread_start(partnership, coordinator, body="Eins", language="de")

    def grow(count: int) -> None:
        for number in range(count):
            thread_start(partnership, coordinator, subject=f"More {number}")
            message = reply(thread, coordinator, f"Nachricht {number}", language="en")
            services.translation_save(
                message=message, by=coordinator, language="de", text="Hallo", revision=0
            )

    grow(1)
    few = {
        url: _queries(client, url)
        for url in (base(partnership), f"{base(partnership)}/{thread.pk}")
    }
    grow(5)
    for url, count in few.items():
        with django_assert_max_num_queries(count):
            assert client.get(url).status_code == 200
        assert count <= 13, url  # the rate limit's count included


def test_openapi_schema_lists_the_conversation_endpoints(staff, client_of):
    schema = client_of(staff).get("/api/v1/openapi.json").json()
    url = "/api/v1/partnerships/{slug}/threads"
    expected = {
        url: {"get", "post"},
        f"{url}/{{thread_id}}": {"get"},
        f"{url}/{{thread_id}}/messages": {"post"},
        f"{url}/{{thread_id}}/read": {"post"},
    }
    for path, methods in expected.items():
        assert set(schema["paths"][path]) == methods, path
    for path in (url, f"{url}/{{thread_id}}/messages"):
        create = schema["paths"][path]["post"]
        assert "Idempotency-Key" in {parameter["name"] for parameter in create["parameters"]}
        assert {"200", "201", "400", "403", "404", "409"} <= set(create["responses"])


def test_someone_without_a_partnership_finds_no_threads(partnership, thread, client_of):
    response = client_of(UserFactory()).get(f"{base(partnership)}/{thread.pk}")

    assert response.status_code == 404
