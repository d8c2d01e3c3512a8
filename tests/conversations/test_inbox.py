"""Unread threads across partnerships: My work lists them, the inbox shows them, and only
threads the person may see count."""

import pytest
from django.urls import reverse

from pobratym.conversations import services, views
from pobratym.partnerships.models import Role
from pobratym.partnerships.services import membership_add
from tests.access import EVERYONE, Cast, who
from tests.conversations.factories import post, thread_start
from tests.factories import member_create
from tests.queries import page_keeps_its_queries
from tests.work import items_of, work_check, work_of

pytestmark = pytest.mark.django_db

ONE = "1 unread message"


@pytest.fixture
def cast(partnership):
    return Cast(partnership)


def test_a_new_thread_awaits_everyone_but_its_author(cast):
    author = cast[(Role.STAFF, 1)]
    thread = thread_start(cast.partnership, author)
    url = reverse("conversations:thread_detail", args=[cast.partnership.slug, thread.pk])

    work_check(cast, ONE, EVERYONE - {(Role.STAFF, 1)}, url=url)


def test_a_restricted_thread_awaits_only_those_taking_part(cast):
    author = cast[(Role.COORDINATOR, 1)]
    thread_start(
        cast.partnership,
        author,
        restricted=True,
        participants=[cast[(Role.COORDINATOR, 2)]],
    )

    work_check(cast, ONE, who(Role.COORDINATOR, sides=[2]))


def test_my_work_marks_a_thread_whose_unread_message_names_the_reader(partnership):
    author = member_create(partnership, Role.STAFF, name="Anna Becker").user
    olena = member_create(partnership, Role.COORDINATOR, position=2, name="Olena Kovalenko").user
    taras = member_create(partnership, Role.STAFF, position=2, email="taras.sh@example.org").user
    ann = member_create(partnership, Role.STAFF, position=2, name="Ann").user
    thread = thread_start(partnership, author, body="Bitte bestätigen, @olena kovalenko!")
    post(thread, author, body="@taras.sh, und Sie? Gruß, @Anna Becker")

    mentioned = "2 unread messages, mentioning you"
    assert len(items_of(olena, mentioned)) == len(items_of(taras, mentioned)) == 1
    assert len(items_of(ann, "2 unread messages")) == 1  # "@Anna" does not name Ann
    assert items_of(author, mentioned) == []  # nor the author, in their own message
    services.messages_mark_read(thread=thread, user=olena)
    post(thread, author, body="Noch etwas ohne Namen.")
    assert [str(item.kind) for item in work_of(olena)] == [ONE]


def test_inbox_lists_unread_threads_of_every_partnership(partnership, other_partnership, client_of):
    reader = member_create(partnership, Role.STAFF).user
    membership_add(side=other_partnership.sides.get(position=1), user=reader, role=Role.STAFF)
    here = thread_start(partnership, member_create(partnership).user, subject="Here")
    there = thread_start(other_partnership, member_create(other_partnership).user, subject="There")
    thread_start(other_partnership, member_create(other_partnership).user, restricted=True)

    response = client_of(reader).get(reverse("conversations:inbox"))

    page = response.content.decode()
    assert response.status_code == 200
    assert [thread.pk for thread in response.context["threads"]] == [there.pk, here.pk]
    assert reverse("conversations:thread_detail", args=[partnership.slug, here.pk]) in page
    assert "2 unread messages" in page  # the top bar's link to this inbox


def test_inbox_shows_a_page_at_a_time(partnership, client_of, monkeypatch):
    monkeypatch.setattr(views, "THREADS_PER_PAGE", 2)
    reader = member_create(partnership, Role.STAFF).user
    author = member_create(partnership).user
    for subject in ("Erste", "Zweite", "Dritte"):
        thread_start(partnership, author, subject=subject)
    inbox = reverse("conversations:inbox")

    first = client_of(reader).get(inbox).content.decode()
    second = client_of(reader).get(f"{inbox}?page=2").content.decode()

    assert "Dritte" in first and "Zweite" in first and "Erste" not in first
    assert "Page 1 of 2" in first and 'href="?page=2" rel="next"' in first
    assert "Erste" in second and "Dritte" not in second


def test_inbox_of_a_member_of_another_partnership_is_empty(partnership, outsider, client_of):
    thread_start(partnership, member_create(partnership).user)

    response = client_of(outsider).get(reverse("conversations:inbox"))

    assert list(response.context["threads"]) == []


def test_inbox_asks_a_visitor_to_sign_in(client):
    response = client.get(reverse("conversations:inbox"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_the_inbox_keeps_its_number_of_queries(
    partnership, other_partnership, client_of, monkeypatch, django_assert_max_num_queries
):
    """Unread threads of two partnerships, written in German for an English reader, with
    replies: each names its partnership and counts its unread messages; a page at a time."""
    from tests.factories import partnership_create

    monkeypatch.setattr(views, "THREADS_PER_PAGE", 4)
    reader = member_create(partnership, Role.STAFF).user
    numbers = iter(range(100))

    def unread(partnership):
        membership_add(side=partnership.sides.get(position=1), user=reader, role=Role.STAFF)
        author = member_create(partnership, Role.COORDINATOR, position=2).user
        for _ in range(2):
            thread = thread_start(
                partnership, author, subject=f"Thema {next(numbers)}", language="de"
            )
            post(thread, author, body="Noch eine Frage.", language="de")

    def grow():
        unread(other_partnership)
        for slug in ("epsilon-zeta", "eta-theta"):
            unread(partnership_create(slug=slug))

    client = client_of(reader)
    inbox = reverse("conversations:inbox")
    thread_start(partnership, member_create(partnership).user, subject="Thema", language="de")
    first = page_keeps_its_queries(client, inbox, grow, django_assert_max_num_queries)
    assert len(first.context["threads"]) == 4
    second = page_keeps_its_queries(
        client,
        f"{inbox}?page=2",  # 3 threads, then 4 of 9
        lambda: unread(partnership_create(slug="iota-kappa")),
        django_assert_max_num_queries,
    )
    assert len(second.context["threads"]) == 4
