"""Who gets which conversation page: status codes per role, over HTTP.

Members read every open thread; everyone but observers starts threads, replies and translates;
people outside the partnership, and a thread of another partnership under this one's address,
get 404; visitors who are not signed in go to the login.
"""

import uuid
from dataclasses import dataclass

import pytest
from django.test import Client
from django.urls import reverse

from pobratym.conversations.models import Message, MessageTranslation, Thread
from pobratym.partnerships.models import Role
from tests.agreements.files import pdf_upload
from tests.conversations.factories import post, thread_start
from tests.factories import member_create, partnership_create

pytestmark = pytest.mark.django_db

ROLES = [Role.COORDINATOR, Role.STAFF, Role.SIGNATORY, Role.PARTNER, Role.OBSERVER]


@dataclass
class World:
    partnership: object
    thread: Thread
    message: Message
    attachment_id: int


def _world() -> World:
    partnership = partnership_create()
    author = member_create(partnership, Role.COORDINATOR, position=1).user
    thread = thread_start(partnership, author, body="Guten Tag", language="de")
    message = post(thread, author, attachments=[pdf_upload()])
    return World(partnership, thread, thread.messages.first(), message.attachments.get().pk)


def _thread_url(name, extra=lambda w: ()):
    return lambda w: reverse(
        f"conversations:{name}", args=[w.partnership.slug, w.thread.pk, *extra(w)]
    )


def _message_url(name):
    return _thread_url(name, lambda w: [w.message.pk])


@dataclass
class Action:
    name: str
    method: str
    url: object
    writes: bool
    data: object = None
    success: int = 200

    def __str__(self):
        return self.name


ACTIONS = [
    Action(
        "list",
        "get",
        lambda w: reverse("conversations:thread_list", args=[w.partnership.slug]),
        False,
    ),
    Action("thread", "get", _thread_url("thread_detail"), False),
    Action("attachment", "get", _thread_url("attachment", lambda w: [w.attachment_id]), False),
    Action(
        "new thread",
        "get",
        lambda w: reverse("conversations:thread_create", args=[w.partnership.slug]),
        True,
    ),
    Action(
        "new thread (post)",
        "post",
        lambda w: reverse("conversations:thread_create", args=[w.partnership.slug]),
        True,
        data=lambda w: {
            "subject": "Hello",
            "body": "First",
            "idempotency_key": str(uuid.uuid4()),
        },
        success=302,
    ),
    Action(
        "reply (post)",
        "post",
        _thread_url("thread_detail"),
        True,
        data=lambda w: {"body": "Reply", "idempotency_key": str(uuid.uuid4())},
        success=302,
    ),
    Action(
        "translate (post)",
        "post",
        _message_url("translation_save"),
        True,
        data=lambda w: {"language": "uk", "revision": "0", "text": "Добрий день"},
        success=302,
    ),
    Action(
        "language (post)",
        "post",
        _message_url("language_set"),
        True,
        data=lambda w: {"language": "en"},
        success=302,
    ),
]


def _request(client, action: Action, world: World):
    url = action.url(world)
    if action.method == "get":
        return client.get(url)
    return client.post(url, action.data(world))


@pytest.mark.parametrize("action", ACTIONS, ids=str)
@pytest.mark.parametrize("position", [1, 2])
@pytest.mark.parametrize("role", ROLES)
def test_member_gets_page_or_403_by_role(action, position, role, client_of):
    world = _world()
    person = member_create(world.partnership, role, position=position).user

    response = _request(client_of(person), action, world)

    allowed = not action.writes or role != Role.OBSERVER
    assert response.status_code == (action.success if allowed else 403), response.content[:300]


@pytest.mark.parametrize("action", ACTIONS, ids=str)
def test_member_of_another_partnership_gets_404(action, client_of):
    world = _world()
    outsider = member_create(partnership_create(), Role.COORDINATOR).user

    assert _request(client_of(outsider), action, world).status_code == 404


@pytest.mark.parametrize("action", ACTIONS, ids=str)
def test_anonymous_visitor_is_sent_to_login(action):
    world = _world()

    response = _request(Client(), action, world)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


IN_A_THREAD = [a for a in ACTIONS if a.name in ("thread", "attachment") or "(post)" in a.name]
IN_A_THREAD = [a for a in IN_A_THREAD if not a.name.startswith("new thread")]


@pytest.mark.parametrize("action", IN_A_THREAD, ids=str)
def test_thread_of_another_partnership_is_not_found_through_ones_own(action, client_of):
    world, other = _world(), _world()
    coordinator = member_create(world.partnership, Role.COORDINATOR).user
    # The other world's thread, message and attachment under this partnership's address.
    mixed = World(world.partnership, other.thread, other.message, other.attachment_id)

    assert _request(client_of(coordinator), action, mixed).status_code == 404
    assert not MessageTranslation.objects.exists()
    assert Message.objects.filter(thread=other.thread).count() == 2


@pytest.mark.parametrize("action", IN_A_THREAD, ids=str)
def test_restricted_thread_is_not_found_by_members_not_taking_part(action, client_of):
    world = _world()
    Thread.objects.filter(pk=world.thread.pk).update(restricted=True)
    staff = member_create(world.partnership, Role.STAFF, position=2).user

    assert _request(client_of(staff), action, world).status_code == 404


@pytest.mark.parametrize("action", [a for a in ACTIONS if a.method == "post"], ids=str)
def test_refused_change_changes_nothing(action, client_of):
    world = _world()
    observer = member_create(world.partnership, Role.OBSERVER, position=2).user
    before = (Thread.objects.count(), Message.history.count(), MessageTranslation.objects.count())

    assert _request(client_of(observer), action, world).status_code == 403

    after = (Thread.objects.count(), Message.history.count(), MessageTranslation.objects.count())
    assert after == before


def test_observer_sees_no_forms_to_write(client_of):
    world = _world()
    observer = member_create(world.partnership, Role.OBSERVER, position=2).user

    page = client_of(observer).get(_thread_url("thread_detail")(world)).content.decode()

    assert "idempotency_key" not in page
    assert "translation/" not in page
