"""The top bar's numbers are kept in the cache while nothing is written (core.changes), and
show every change at once: as production runs, not as the other tests do (`remembering`)."""

import os
import re

import pytest
from django.contrib.auth.models import Group
from django.contrib.sessions.backends.db import SessionStore
from django.core.cache import caches
from django.core.management import call_command
from django.core.signals import request_finished
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import reverse

from pobratym.conversations import services
from pobratym.core.changes import STAMP_KEY, remembered
from pobratym.partnerships.models import Role
from tests.conversations.factories import post, thread_start
from tests.factories import member_create

pytestmark = [pytest.mark.remembering]

DATABASE_CACHE = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "pobratym_cache",
    }
}


def _top_bar(client) -> tuple[str, int]:
    """The page's top bar as read, and how many queries the page made."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("partnerships:list"))
    assert response.status_code == 200
    content = response.content.decode()
    bar = content[: content.index("</nav>")]
    return re.sub(r'name="csrfmiddlewaretoken" value="\w+"', "", bar), len(queries)


@pytest.fixture
def reader_and_author(partnership):
    reader = member_create(partnership, Role.COORDINATOR, position=2).user
    author = member_create(partnership, Role.STAFF, position=1).user
    return reader, author


@pytest.mark.django_db
@pytest.mark.sqlite_pass
def test_the_top_bar_is_counted_once_while_nothing_is_written(
    partnership, reader_and_author, client_of
):
    reader, author = reader_and_author
    thread_start(partnership, author)
    client = client_of(reader)

    first, counted = _top_bar(client)
    again, kept = _top_bar(client)

    assert "1 unread message" in first and "My work (1)" in first
    assert again == first
    assert kept <= counted - 2  # neither My work's count nor the unread messages' asked again


@pytest.mark.django_db
@pytest.mark.sqlite_pass
def test_every_change_shows_in_the_top_bar_at_once(partnership, reader_and_author, client_of):
    reader, author = reader_and_author
    thread = thread_start(partnership, author)
    client = client_of(reader)
    assert "1 unread message" in _top_bar(client)[0]

    home = reverse("home")
    assert "1 unread message" in client.get(home).content.decode().split("</nav>", 1)[1]

    services.messages_mark_read(thread=thread, user=reader)
    read, _queries = _top_bar(client)
    assert "unread message" not in read and "My work (0)" in read
    my_work = client.get(home).content.decode().split("</nav>", 1)[1]
    assert "unread message" not in my_work and "Nothing awaits you right now." in my_work

    post(thread, author, body="Noch eine Frage.")
    post(thread, author, body="Und noch eine.")
    assert "2 unread messages" in _top_bar(client)[0]


@pytest.mark.django_db
@pytest.mark.sqlite_pass
def test_signing_in_and_the_cache_itself_keep_what_is_kept(partnership):
    calls = []
    remembered("answer", lambda: calls.append(1) or 42)
    stamp = caches["default"].get(STAMP_KEY)

    SessionStore().create()
    assert remembered("answer", lambda: calls.append(1) or 43) == 42
    assert caches["default"].get(STAMP_KEY) == stamp and len(calls) == 1

    member_create(partnership, Role.STAFF)
    assert remembered("answer", lambda: calls.append(1) or 43) == 43


@pytest.fixture
def database_cache(transactional_db):
    """The cache in the database, as production keeps it."""
    with override_settings(CACHES=DATABASE_CACHE):
        call_command("createcachetable", verbosity=0)
        yield caches["default"]


def test_in_the_database_a_change_is_stamped_when_it_is_committed(database_cache, partnership):
    before = remembered("answer", lambda: "before")
    stamp = database_cache.get(STAMP_KEY)

    with transaction.atomic():
        member_create(partnership, Role.STAFF)
        assert database_cache.get(STAMP_KEY) == stamp  # not yet: others still see the old data
    assert database_cache.get(STAMP_KEY) != stamp
    assert before == "before" and remembered("answer", lambda: "after") == "after"


def test_in_the_database_a_change_rolled_back_keeps_the_stamp(database_cache, partnership):
    remembered("answer", lambda: "kept")
    stamp = database_cache.get(STAMP_KEY)

    with pytest.raises(RuntimeError), transaction.atomic():
        member_create(partnership, Role.STAFF)
        raise RuntimeError("refused")

    assert database_cache.get(STAMP_KEY) == stamp
    assert remembered("answer", lambda: "recounted") == "kept"


@pytest.mark.both_databases
def test_in_the_database_a_write_outside_a_transaction_is_kept_then_stamped(database_cache):
    """An INSERT … RETURNING is still open when it returns: stamping on the same connection
    then lost the row on SQLite (the migrations' own records went missing)."""
    remembered("answer", lambda: "before")
    stamp = database_cache.get(STAMP_KEY)

    Group.objects.create(name="Koordination")  # autocommit: committed as it runs

    assert Group.objects.filter(name="Koordination").exists()  # kept …
    request_finished.send(sender=None)
    assert database_cache.get(STAMP_KEY) != stamp  # … and stamped by the end of the request


@pytest.mark.django_db
@pytest.mark.sqlite_pass
def test_the_overview_is_kept_per_person_until_anything_is_written(
    partnership, reader_and_author, client_of
):
    reader, author = reader_and_author
    thread = thread_start(partnership, author, subject="Generatoren")
    client = client_of(reader)
    url = reverse("partnerships:dashboard", args=[partnership.slug])

    with CaptureQueriesContext(connection) as first:
        seen = client.get(url).content.decode()
    with CaptureQueriesContext(connection) as again:
        kept = client.get(url).content.decode()
    assert kept.count("Generatoren") == seen.count("Generatoren") >= 1
    assert len(again) <= len(first) - 15  # the panels and the activity are not read again

    post(thread, author, body="Sie sind angekommen.")
    assert client.get(url).content.decode().count("Message from") == seen.count("Message from") + 1
    # Another person's overview is their own, kept under their name.
    assert "Generatoren" in client_of(author).get(url).content.decode()


def test_each_release_keeps_its_own_values_and_its_workers_share_them(tmp_path):
    from pobratym.core.changes import release_of

    (tmp_path / "views.py").write_text("answer = 42\n")
    page = tmp_path / "templates" / "page.html"
    page.parent.mkdir()
    page.write_text("<p>Alt</p>")
    (tmp_path / "logo.png").write_bytes(b"png")
    first = release_of(tmp_path)
    assert release_of(tmp_path) == first  # another worker of the same release

    (tmp_path / "logo.png").write_bytes(b"png, larger")  # no code: the same release
    assert release_of(tmp_path) == first

    page.write_text("<p>Neu</p>")  # the same size, installed later
    changed = page.stat().st_mtime_ns + 1_000_000_000
    os.utime(page, ns=(changed, changed))
    assert release_of(tmp_path) != first
