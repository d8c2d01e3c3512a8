"""Fifty people at once against gunicorn on PostgreSQL, all starting together and each going
through the same rounds: they read pages and the API, post needs (some sent twice, as after a
lost answer) and reply in a thread. No answer is a server error, and afterwards the database
holds exactly the records the answers announced: none lost, none twice.

The work is counted in rounds, not seconds, so a slow machine does the same work, only later,
and a fast one does not idle: `POBRATYM_LOAD_ROUNDS` asks for more."""

import os
import secrets
import socket
import subprocess
import sys
import threading
import time
import uuid
from collections import Counter
from pathlib import Path

import httpx
import pytest
from django.db import connection
from django.test import Client

from pobratym.aid.models import Need
from pobratym.conversations.models import Message
from pobratym.partnerships.models import Role
from tests.aid.test_api import need_body
from tests.conversations.factories import thread_start
from tests.factories import member_create, partnership_create, sign_in

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.load]

CLIENTS = 50
ROUNDS = int(os.environ.get("POBRATYM_LOAD_ROUNDS", "2"))


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _database_url() -> str:
    settings = connection.settings_dict
    return (
        f"postgres://{settings['USER']}:{settings['PASSWORD'] or ''}@{settings['HOST']}:"
        f"{settings['PORT']}/{settings['NAME']}"
    )


@pytest.fixture
def server():
    """gunicorn with three workers of four threads each, on the test database."""
    port = _free_port()
    process = subprocess.Popen(
        [
            str(Path(sys.executable).with_name("gunicorn")),
            "pobratym.config.wsgi",
            f"--bind=127.0.0.1:{port}",
            "--workers=3",
            "--threads=4",
            "--log-level=warning",
        ],
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "pobratym.config.settings.test",
            "DATABASE_URL": _database_url(),
        },
    )
    address = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        assert process.poll() is None, "gunicorn did not start"
        try:
            httpx.get(f"{address}/en/", timeout=2)
            break
        except httpx.TransportError:
            assert time.monotonic() < deadline, "gunicorn did not answer within a minute"
            time.sleep(0.2)
    yield address
    process.terminate()
    process.wait(timeout=30)


def _session(user) -> str:
    client = Client()
    sign_in(client, user)
    return client.cookies["sessionid"].value


class Person(threading.Thread):
    """One client, for ROUNDS rounds once every client is ready: a page, the API's needs, a
    need posted (every third one, the first included, sent twice with the same key), a reply."""

    def __init__(self, address, session, slug, thread_id, start):
        super().__init__()
        token = secrets.token_hex(16)
        self.http = httpx.Client(
            base_url=address,
            cookies={"sessionid": session, "csrftoken": token},
            headers={"X-CSRFToken": token},
            timeout=60,
        )
        self.slug, self.thread_id, self.start_together = slug, thread_id, start
        self.statuses = Counter()
        self.needs = set()  # ids answered 201
        self.repeated = 0  # needs sent twice
        self.messages = set()
        self.failures = []

    def _count(self, response):
        self.statuses[response.status_code] += 1
        return response

    def run(self):
        api = f"/api/v1/partnerships/{self.slug}"
        self.start_together.wait()
        for round_ in range(1, ROUNDS + 1):
            self._count(self.http.get(f"/en/partnerships/{self.slug}/aid/needs/"))
            self._count(self.http.get(f"{api}/aid/needs", params={"limit": 20}))
            key = {"Idempotency-Key": str(uuid.uuid4())}
            body = need_body(title=f"{self.name} need {round_}")
            first = self._count(self.http.post(f"{api}/aid/needs", json=body, headers=key))
            if first.status_code == 201:
                self.needs.add(first.json()["id"])
            if round_ % 3 == 1:
                again = self._count(self.http.post(f"{api}/aid/needs", json=body, headers=key))
                if again.status_code != 200 or again.json()["id"] != first.json()["id"]:
                    self.failures.append(f"sent twice: {first.text} then {again.text}")
                self.repeated += 1
            reply = self._count(
                self.http.post(
                    f"{api}/threads/{self.thread_id}/messages",
                    json={"body": f"{self.name} round {round_}", "language": "en"},
                    headers={"Idempotency-Key": str(uuid.uuid4())},
                )
            )
            if reply.status_code == 201:
                self.messages.add(reply.json()["id"])
        self.http.close()


def test_fifty_clients_at_once_get_no_server_error_and_lose_nothing(server):
    assert connection.vendor == "postgresql"
    partnership = partnership_create()
    people = [
        member_create(partnership, Role.STAFF, position=2, language="uk").user for _ in range(10)
    ]
    thread = thread_start(partnership, people[0])
    sessions = [_session(person) for person in people]
    start = threading.Barrier(CLIENTS, timeout=60)
    clients = [
        Person(server, sessions[index % len(sessions)], partnership.slug, thread.pk, start)
        for index in range(CLIENTS)
    ]

    for client in clients:
        client.start()
    for client in clients:
        client.join(timeout=600)

    assert not any(client.is_alive() for client in clients)
    statuses = sum((client.statuses for client in clients), Counter())
    assert set(statuses) <= {200, 201}, statuses
    assert not [failure for client in clients for failure in client.failures]
    needs = set().union(*(client.needs for client in clients))
    messages = set().union(*(client.messages for client in clients))
    assert len(needs) == sum(len(client.needs) for client in clients), "an id announced twice"
    assert sum(client.repeated for client in clients) > 0
    assert set(Need.objects.filter(partnership=partnership).values_list("pk", flat=True)) == needs
    posted = Message.objects.filter(thread=thread).exclude(pk=thread.messages.first().pk)
    assert set(posted.values_list("pk", flat=True)) == messages
    # Every round of every client went through: its need once, its reply once.
    assert len(needs) == len(messages) == CLIENTS * ROUNDS
