"""Who gets which conversation page: status codes by role and side, over HTTP, for a few
representative people per page (the full grid is in test_rules.py).

Members read every open thread; everyone but observers starts threads, replies and translates,
and an observer's refused change changes nothing; people outside the partnership, a thread of
another partnership under this one's address, and a restricted thread to members not taking
part get 404; visitors who are not signed in go to the login.
"""

import uuid
from dataclasses import dataclass, replace

import pytest
from django.urls import reverse

from pobratym.conversations.models import Message, Thread
from pobratym.partnerships.models import Role
from pobratym.translation.models import Translation
from tests.access import Cast, Page, http_check
from tests.agreements.files import pdf_upload
from tests.conversations.factories import post, thread_start
from tests.conversations.test_rules import OPEN
from tests.factories import member_create, partnership_create

pytestmark = pytest.mark.django_db

READERS = OPEN["conversations.view_thread"][1]
WRITERS = OPEN["conversations.post_message"][1]


@dataclass
class World:
    partnership: object
    thread: Thread
    message: Message
    attachment_id: int


def _world(partnership=None, author=None) -> World:
    partnership = partnership or partnership_create()
    author = author or member_create(partnership, Role.COORDINATOR, position=1).user
    thread = thread_start(partnership, author, body="Guten Tag", language="de")
    message = post(thread, author, attachments=[pdf_upload()])
    return World(partnership, thread, thread.messages.first(), message.attachments.get().pk)


def _renewed(world: World) -> World:
    """Another message to translate, for the next person allowed to."""
    message = post(world.thread, world.thread.created_by, body="Noch eine", language="de")
    return replace(world, message=message)


def _thread_url(name, extra=lambda w: ()):
    return lambda w: reverse(
        f"conversations:{name}", args=[w.partnership.slug, w.thread.pk, *extra(w)]
    )


def _message_url(name):
    return _thread_url(name, lambda w: [w.message.pk])


def _list_url(name):
    return lambda w: reverse(f"conversations:{name}", args=[w.partnership.slug])


PAGES = [
    Page("list", _list_url("thread_list"), READERS),
    Page("thread", _thread_url("thread_detail"), READERS),
    Page("attachment", _thread_url("attachment", lambda w: [w.attachment_id]), READERS),
    Page("new thread", _list_url("thread_create"), OPEN["conversations.add_thread"][1]),
    Page(
        "new thread (post)",
        _list_url("thread_create"),
        OPEN["conversations.add_thread"][1],
        method="post",
        data=lambda w, person: {
            "subject": "Hello",
            "body": "First",
            "idempotency_key": str(uuid.uuid4()),
        },
        success=302,
    ),
    Page(
        "reply (post)",
        _thread_url("thread_detail"),
        WRITERS,
        method="post",
        data=lambda w, person: {"body": "Reply", "idempotency_key": str(uuid.uuid4())},
        success=302,
    ),
    Page(
        "translate (post)",
        _message_url("translation_save"),
        OPEN["conversations.translate_message"][1],
        method="post",
        data={"language": "uk", "revision": "0", "text": "Добрий день"},
        success=302,
    ),
    Page(
        "language (post)",
        _message_url("language_set"),
        WRITERS,
        method="post",
        data={"language": "en"},
        success=302,
    ),
]


def _written() -> tuple[int, int, int]:
    return Thread.objects.count(), Message.history.count(), Translation.objects.count()


@pytest.mark.parametrize("page", PAGES, ids=str)
def test_page_answers_by_role_and_side_and_refusals_change_nothing(page, partnership):
    cast = Cast(partnership)
    world = _world(partnership, cast[(Role.COORDINATOR, 1)])

    http_check(page, world, cast, unchanged=_written, renew=_renewed)


IN_A_THREAD = [p for p in PAGES if p.name in ("thread", "attachment") or "(post)" in p.name]
IN_A_THREAD = [p for p in IN_A_THREAD if not p.name.startswith("new thread")]


@pytest.mark.parametrize("page", IN_A_THREAD, ids=str)
def test_thread_of_another_partnership_is_not_found_through_ones_own(page):
    world, other = _world(), _world()
    coordinator = member_create(world.partnership, Role.COORDINATOR).user
    # The other world's thread, message and attachment under this partnership's address.
    mixed = World(world.partnership, other.thread, other.message, other.attachment_id)

    assert page.ask(mixed, coordinator).status_code == 404
    assert not Translation.objects.exists()
    assert Message.objects.filter(thread=other.thread).count() == 2


@pytest.mark.parametrize("page", IN_A_THREAD, ids=str)
def test_restricted_thread_is_not_found_by_members_not_taking_part(page):
    world = _world()
    Thread.objects.filter(pk=world.thread.pk).update(restricted=True)
    staff = member_create(world.partnership, Role.STAFF, position=2).user

    assert page.ask(world, staff).status_code == 404


def test_observer_sees_no_forms_to_write(client_of):
    world = _world()
    observer = member_create(world.partnership, Role.OBSERVER, position=2).user

    page = client_of(observer).get(_thread_url("thread_detail")(world)).content.decode()

    assert "idempotency_key" not in page
    assert "translation/" not in page
