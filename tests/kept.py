"""Reading a kept page (core.changes.kept_page) in the `remembering` tests: its text without
what is drawn anew on every answer (form tokens, creating forms' keys), and the SQL it ran, so
a page read twice compares equal and its second reading shows which tables it still read."""

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext

TOKEN = re.compile(r'name="(?:csrfmiddlewaretoken|[\w-]*idempotency_key)" value="[\w-]+"')


def page_read(client, url) -> tuple[str, list[str]]:
    """The page's text without its form tokens and keys, and the SQL it ran."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return TOKEN.sub("", response.content.decode()), [q["sql"] for q in queries]


def read_from(queries, table: str) -> list[str]:
    """The statements among `queries` that read `table`."""
    return [sql for sql in queries if f'FROM "{table}"' in sql]


def kept_read(client, url) -> tuple[str, list[str]]:
    """The page as read the second time (the first gives the session its CSRF secret), and
    the SQL of a third reading, which must show the same page."""
    client.get(url)
    first, _queries = page_read(client, url)
    again, queries = page_read(client, url)
    assert again == first
    return again, queries
