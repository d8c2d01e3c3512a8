"""A stamp in the cache that changes whenever the data does, so that a value kept under it is
never stale: `remembered(key, compute)` recomputes once anything was written since.

Every statement that writes through Django (a service, the admin, a management command, a
migration) sets a new stamp when its transaction commits, or, outside a transaction, right
after it (at the connection's next statement or the end of the request).
Where the cache lives outside the database (memory or files, in development and tests) it is
also set as the statement runs: that stamp is not part of the transaction, and a test's
transaction never commits. Writes to the cache's own table, to sessions, to the rate limits'
counts and to the migrations' record change nothing a stamped value holds and are not
counted. Writes made beside Django (restoring a backup) must call `stamp_anew()` or clear the
cache.
"""

import hashlib
import logging
import re
import secrets
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from django.core.cache import caches
from django.core.cache.backends.db import DatabaseCache
from django.db import connections, router
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

T = TypeVar("T")
logger = logging.getLogger(__name__)

STAMP_KEY = "pobratym:changes"
IGNORED_TABLES = {"django_session", "core_requestcount", "django_migrations"}
_WRITE = re.compile(
    r"\s*(?:INSERT\s+(?:OR\s+\w+\s+)?INTO|UPDATE|DELETE\s+FROM|TRUNCATE|REPLACE\s+INTO|ALTER|DROP|CREATE)"
    r'\b\s*(?:TABLE\s+)?"?(\w*)',
    re.IGNORECASE,
)


CODE_SUFFIXES = {".py", ".html", ".txt", ".xml", ".mo"}


def release_of(root: Path) -> str:
    """A fingerprint of the code, templates and catalogues under `root`: each file's path, size
    and time of change. Values are kept per release: the workers of one release share them,
    and one kept by a worker still running the previous release (until gunicorn reloads it)
    is never taken by the next release's code."""
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        if path.suffix in CODE_SUFFIXES and path.is_file():
            found = path.stat()
            digest.update(
                f"{path.relative_to(root)}\x1f{found.st_size}\x1f{found.st_mtime_ns}\n".encode()
            )
    return digest.hexdigest()[:12]


_RELEASE = release_of(Path(__file__).resolve().parent.parent)


def _kept_key(key: str) -> str:
    """Every kept value's key starts alike, so that `forget_kept` finds them all."""
    return f"kept:{key}:{_RELEASE}"


def forget_kept() -> None:
    """Delete every kept value now (pages, numbers, API answers), not only leave it stale: once
    a person's data is erased (GDPR article 17), no page that showed it stays in the cache, nor
    goes into a backup of the database. The stamp and the login throttling counts stay. Call
    it after the erasure commits. A cache outside the database is cleared whole."""
    cache = caches["default"]
    if not isinstance(cache, DatabaseCache):
        cache.clear()
        return
    connection = connections[router.db_for_write(cache.cache_model_class)]
    table = connection.ops.quote_name(cache._table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"DELETE FROM {table} WHERE cache_key LIKE %s",  # noqa: S608 - the cache's own table
            [cache.make_key("kept:%")],
        )


def stamp_anew() -> str:
    stamp = secrets.token_hex(8)
    caches["default"].set(STAMP_KEY, stamp, None)
    return stamp


def current_stamp() -> str:
    return caches["default"].get(STAMP_KEY) or stamp_anew()


def etag_of(*parts) -> str:
    """An entity tag (RFC 9110) that changes whenever the data does: the stamp, with `parts`,
    whatever else decides the answer (who asks, the address, the language, the day)."""
    text = "\x1f".join([current_stamp(), *map(str, parts)])
    return f'"{hashlib.sha256(text.encode()).hexdigest()[:32]}"'


def remembered(key: str, compute: Callable[[], T], *, timeout: int = 300) -> T:
    """The value kept under `key` if nothing was written since it was computed, else
    `compute()` kept anew; one cache read when it was. `timeout` bounds how long a value that
    depends on the clock alone (an invitation expiring) may lag."""
    cache = caches["default"]
    key = _kept_key(key)
    found = cache.get_many([STAMP_KEY, key])
    stamp = found.get(STAMP_KEY) or stamp_anew()
    kept = found.get(key)
    if kept is not None and kept[0] == stamp:
        return kept[1]
    value = compute()
    cache.set(key, (stamp, value), timeout)
    return value


def kept(key: str):
    """What `keep` kept under `key`, a key that names the stamp itself (an ETag), or None."""
    return caches["default"].get(_kept_key(key))


def keep(key: str, value, *, timeout: int = 300) -> None:
    caches["default"].set(_kept_key(key), value, timeout)


def remembered_body(request, template_name: str, context: Callable[[], dict]) -> dict:
    """The part of a member's page below the site's frame (messages and the top bar are
    rendered each time): `{"body": template_name rendered with context(), "head_title": its
    "head_title", if any}`, kept until anything is written. Kept per person, session (its CSRF
    secret, so that a form's token in it stays valid), language, host, address with its query,
    and day, so nobody is shown what was rendered for another, and the page changes with the
    date. `context` is only called when the body is rendered: put the page's reads in it. Only
    a GET is kept (a form sent back with its errors is not), and not before the session has a
    CSRF secret (a token rendered then would be for a secret the browser does not have yet).
    Each creating form in it gets a new idempotency key every time the body is handed out."""

    def render() -> dict:
        values = context()
        return {
            "body": render_to_string(template_name, values, request=request),
            "head_title": str(values.get("head_title", "")),
        }

    secret = request.META.get("CSRF_COOKIE")
    if request.method != "GET" or secret is None:
        return render()
    parts = (
        template_name,
        request.user.pk,
        secret,
        get_language(),
        request.get_host(),
        request.get_full_path(),
        timezone.localdate(),
    )
    digest = hashlib.sha256("\x1f".join(map(str, parts)).encode()).hexdigest()
    page = remembered(f"body:{digest}", render)
    return {**page, "body": _with_fresh_keys(page["body"])}


def kept_page(request, template_name: str, context: Callable[[], dict], *, status: int = 200):
    """The page `_kept_page.html` around `remembered_body(request, template_name, context)`."""
    body = remembered_body(request, template_name, context)
    return render(request, "_kept_page.html", body, status=status)


# The hidden key of a creating form (core.forms.IdempotencyKeyField) as Django renders it.
_IDEMPOTENCY_KEY = re.compile(r'(name="(?:[\w-]+-)?idempotency_key" value=")[0-9a-f-]{36}"')


def _with_fresh_keys(body: str) -> str:
    """A kept body with a new key in each creating form, as a page rendered afresh has: the
    same page open twice (two tabs) must make two records, not refuse the second as the
    first sent again with other content."""
    if "idempotency_key" not in body:
        return body
    fresh = _IDEMPOTENCY_KEY.sub(lambda found: f'{found[1]}{uuid.uuid4()}"', body)
    return mark_safe(fresh)  # noqa: S308 - the template's escaped output, one UUID replaced


def _is_change(sql: str) -> bool:
    write = _WRITE.match(sql)
    if write is None:
        return False
    return write.group(1) not in IGNORED_TABLES | {getattr(caches["default"], "_table", None)}


def _on_commit(connection) -> None:
    """Stamp once when the transaction commits, however many statements it wrote."""
    if not any(callback is stamp_anew for _ids, callback, _robust in connection.run_on_commit):
        # Robust: the change is made; a stamp that cannot be set (no cache table yet) only
        # leaves kept values to their timeout.
        connection.on_commit(stamp_anew, robust=True)


def _stamp_if_due(connection) -> None:
    if connection.__dict__.pop("pobratym_stamp_due", False):
        try:
            stamp_anew()
        except Exception:
            logger.exception("The stamp of a change could not be set.")


def watch(connection) -> None:
    """Follow the writes of a new database connection (the `connection_created` signal).

    A write outside a transaction is committed as it runs, but its statement may still be
    open (an INSERT … RETURNING waits for its row to be read): the cache in the database must
    not be written on the same connection then. So it is stamped when the connection runs its
    next statement, or when the request ends (`stamp_due_changes`), whichever comes first."""
    if any(getattr(wrapper, "watches_changes", False) for wrapper in connection.execute_wrappers):
        return

    def changes(execute, sql, params, many, context):
        _stamp_if_due(connection)
        result = execute(sql, params, many, context)
        if _is_change(sql):
            if not isinstance(caches["default"], DatabaseCache):
                stamp_anew()
            elif connection.in_atomic_block:
                _on_commit(connection)
            else:
                connection.__dict__["pobratym_stamp_due"] = True
        return result

    changes.watches_changes = True
    # First, so that a wrapper pushed and popped around a block (execute_wrapper) stays last.
    connection.execute_wrappers.insert(0, changes)


def stamp_due_changes(**kwargs) -> None:
    """At the end of a request (`request_finished`): stamp what its last statements wrote."""
    for connection in connections.all(initialized_only=True):
        _stamp_if_due(connection)
