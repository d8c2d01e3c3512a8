"""The threads list, the message search and a thread's page are rendered once and kept until
anything is written (core.changes.remembered_body), per person and session: as production
runs, not as the other tests do (`remembering`). Opening a thread still marks its messages
read on every request: that write is made before the kept body is read, and renews it."""

import re

import pytest
from django.urls import reverse

from pobratym.conversations.models import Message, MessageRead
from pobratym.partnerships.models import Role
from tests.access import Cast
from tests.conversations.factories import post, thread_start
from tests.kept import page_read, read_from

pytestmark = [pytest.mark.remembering, pytest.mark.django_db, pytest.mark.sqlite_pass]

KEY = re.compile(r'name="idempotency_key" value="([\w-]+)"')


@pytest.fixture
def thread(partnership, coordinator):
    return thread_start(partnership, coordinator, subject="Stadtfest im Juni", body="Wer kommt?")


@pytest.fixture
def url(partnership, thread):
    return reverse("conversations:thread_detail", args=[partnership.slug, thread.pk])


def test_a_thread_is_marked_read_on_every_visit_and_its_page_kept_between(
    client_of, coordinator, other_side_coordinator, thread, url
):
    reader = client_of(other_side_coordinator)
    reader.get(url)  # marks "Wer kommt?" read
    assert MessageRead.objects.filter(user=other_side_coordinator).count() == 1
    first, _queries = page_read(reader, url)
    again, queries = page_read(reader, url)
    assert again == first and "Wer kommt?" in again
    assert "<title>Stadtfest im Juni · " in again
    assert not read_from(queries, "conversations_messageattachment")

    post(thread, coordinator, body="Wir bringen den Chor mit.")

    text, queries = page_read(reader, url)
    assert "Wir bringen den Chor mit." in text and read_from(
        queries, "conversations_messageattachment"
    )
    assert MessageRead.objects.filter(user=other_side_coordinator).count() == 2


def test_the_list_shows_each_person_their_own_unread_count(
    client_of, coordinator, other_side_coordinator, partnership, thread
):
    listed = reverse("conversations:thread_list", args=[partnership.slug])
    author, reader = client_of(coordinator), client_of(other_side_coordinator)
    for client in (author, reader, author, reader):
        client.get(listed)

    def unread(client) -> bool:
        table = page_read(client, listed)[0].split('id="threads-heading"', 1)[1]
        return "<strong>1 unread</strong>" in table

    assert unread(reader) and not unread(author)


def test_a_restricted_thread_kept_for_a_participant_stays_hidden_from_others(
    client_of, coordinator, partnership
):
    cast = Cast(partnership)
    staff, observer = cast[(Role.STAFF, 1)], cast[(Role.OBSERVER, 1)]
    secret = thread_start(
        partnership,
        coordinator,
        subject="Personalfragen",
        body="Nur unter uns.",
        restricted=True,
        participants=[staff],
    )
    page = reverse("conversations:thread_detail", args=[partnership.slug, secret.pk])
    listed = reverse("conversations:thread_list", args=[partnership.slug])
    participant, outsider = client_of(staff), client_of(observer)
    for address in (page, page, listed, listed, f"{listed}?q=uns", f"{listed}?q=uns"):
        participant.get(address)
    assert "Nur unter uns." in page_read(participant, page)[0]
    assert "Nur unter uns." in page_read(participant, f"{listed}?q=uns")[0]

    assert outsider.get(page).status_code == 404
    for address in (listed, f"{listed}?q=uns"):
        outsider.get(address)
        text, _queries = page_read(outsider, address)
        assert "Personalfragen" not in text and "Nur unter uns." not in text


def test_the_search_is_kept_per_query(client_of, coordinator, partnership, thread):
    post(thread, coordinator, body="Die Bühne steht am Marktplatz.")
    client = client_of(coordinator)
    listed = reverse("conversations:thread_list", args=[partnership.slug])
    client.get(listed)
    stage, _queries = page_read(client, f"{listed}?q=Bühne")
    again, queries = page_read(client, f"{listed}?q=Bühne")
    choir, _queries = page_read(client, f"{listed}?q=Chor")

    assert again == stage and "1 message found" in stage and "Marktplatz" in stage
    assert not [sql for sql in queries if 'FROM "conversations_message"' in sql]
    assert "No message matches the search." in choir


def test_replies_from_the_same_kept_page_open_twice_are_both_sent(
    client_of, other_side_coordinator, thread, url
):
    client = client_of(other_side_coordinator)
    client.get(url)
    tabs = [client.get(url).content.decode() for _tab in range(2)]
    keys = [KEY.search(tab)[1] for tab in tabs]
    assert keys[0] != keys[1]

    for key, body in zip(keys, ("Ich komme.", "Mit zwei Kollegen."), strict=True):
        response = client.post(url, {"body": body, "idempotency_key": key})
        assert response.status_code == 302

    assert set(Message.objects.values_list("body", flat=True)) >= {
        "Ich komme.",
        "Mit zwei Kollegen.",
    }


def test_the_inbox_is_kept_per_person_and_shows_a_new_message_at_once(
    client_of, coordinator, other_side_coordinator, partnership, thread
):
    inbox = reverse("conversations:inbox")
    reader, author = client_of(other_side_coordinator), client_of(coordinator)
    reader.get(inbox)
    first, _queries = page_read(reader, inbox)
    again, queries = page_read(reader, inbox)
    assert again == first and "Stadtfest im Juni" in first
    assert not read_from(queries, "conversations_thread")

    author.get(inbox)
    assert "Stadtfest im Juni" not in page_read(author, inbox)[0]  # their own message

    post(thread_start(partnership, coordinator, subject="Chorprobe"), coordinator, body="Wann?")

    text, queries = page_read(reader, inbox)
    assert "Chorprobe" in text and read_from(queries, "conversations_thread")
