"""The bounds every input shares, on pages and in the API: record ids the database can hold,
text without NUL characters (PostgreSQL refuses them), and the API's pages of a list, by
cursor.

Each is refused where it comes in, with an error the person can act on: a page address with an
id beyond range matches no page (404), an API field out of bounds is a 422 `invalid` naming
it, a list's parameter (a filter, a cursor) a 400 saying which. Nothing out of range reaches a
query, so none turns into a 500.
"""

import re
from datetime import UTC, datetime
from typing import Annotated, Any

from django.core import signing
from django.db.models import Q, QuerySet
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from ninja import Field, Schema
from ninja.conf import settings as ninja_settings
from ninja.pagination import PaginationBase
from pydantic import AfterValidator, AwareDatetime
from pydantic_core import PydanticCustomError

from .errors import DomainError

# PostgreSQL's bigint, the widest integer column (every primary key); SQLite's INTEGER too.
ID_MAX = 2**63 - 1
_DIGITS = re.compile(r"[0-9]{1,19}")
# Free text a person writes (descriptions, notes, reasons) where nothing narrower is set: a
# text column holds any length, so the bound lives where input comes in.
TEXT_MAX_LENGTH = 10_000


def parse_id(value: Any) -> int | None:
    """The record id written in `value` (ASCII digits, 1 to ID_MAX), else None. `isdigit()`
    alone lets "²" through, which `int()` refuses, and any length, which the database does."""
    text = str(value)
    if not _DIGITS.fullmatch(text):
        return None
    number = int(text)
    return number if 0 < number <= ID_MAX else None


class IdConverter:
    """`<id:name>` in a page address (registered in `CoreConfig.ready`): a record id. One
    beyond what the database holds matches no address, so it is a 404 like any unknown id."""

    regex = "[0-9]{1,19}"

    def to_python(self, value: str) -> int:
        number = int(value)
        if number > ID_MAX:
            raise ValueError(value)  # Django then tries the next pattern: none matches.
        return number

    def to_url(self, value) -> str:
        return str(value)


def _without_nul(value: str) -> str:
    if "\x00" in value:
        raise PydanticCustomError("nul_character", _("Text must not contain NUL characters."))
    return value


def _in_utc(value: datetime) -> datetime:
    """An aware time as the same instant in UTC: Python reads offsets up to ±23:59, PostgreSQL
    refuses those beyond ±15:59. A naive time stays as it is; its field says how it is read."""
    if value.tzinfo is None:
        return value
    try:
        return value.astimezone(UTC)
    except OverflowError:  # before the year 1 or after 9999 in UTC
        message = _("The time lies outside the years 1 to 9999.")
        raise PydanticCustomError("datetime_out_of_range", message) from None


# API types: every id, text, slug and time an API input takes is one of these.
Id = Annotated[int, Field(ge=1, le=ID_MAX, description="A record id.")]
Text = Annotated[str, AfterValidator(_without_nul)]
Slug = Annotated[str, Field(pattern=r"^[-a-zA-Z0-9_]+$", max_length=50)]
Moment = Annotated[datetime, AfterValidator(_in_utc)]


_CURSOR_SALT = "pobratym.api.cursor"


class CursorPagination(PaginationBase):
    """The API's pages of a list. Every list comes in the order its records last changed,
    oldest change first, then by id: `(updated_at, id)`, a key each record has once. A page
    ends with `next`, an opaque cursor for the page after it (null on the last page); it holds
    the key of the page's last record, signed, so a cursor cannot be made up into a query,
    and a malformed one is a 400 `invalid_cursor`. Records added or changed while a program
    pages through land after the cursor: one pass meets each of them, none twice unless it
    changed. `updated_since` keeps the records changed at or after a time, so a program asks
    only for what changed since its last pass. `count` is the number of records the filters
    keep, on every page. Two queries however long the list: the count and the page."""

    class Input(Schema):
        limit: int = Field(
            ninja_settings.PAGINATION_PER_PAGE,
            ge=1,
            le=ID_MAX,
            description="Records per page; beyond the list's largest page, its largest.",
        )
        cursor: str | None = Field(
            None, max_length=200, description="The `next` of the page before; none for the first."
        )
        updated_since: Annotated[AwareDatetime, AfterValidator(_in_utc)] | None = Field(
            None, description="Only records changed at or after this time (ISO 8601, with offset)."
        )

    class Output(Schema):
        items: list[Any]
        count: int
        next: str | None = Field(description="The cursor of the next page; null on the last.")

    items_attribute = "items"

    def __init__(self, *, max_limit: int = ninja_settings.PAGINATION_PER_PAGE, **kwargs) -> None:
        self.max_limit = max_limit
        super().__init__(**kwargs)

    def paginate_queryset(self, queryset: QuerySet, pagination: Input, **params) -> dict:
        limit = min(pagination.limit, self.max_limit)
        queryset = queryset.order_by("updated_at", "pk")
        if pagination.updated_since is not None:
            queryset = queryset.filter(updated_at__gte=pagination.updated_since)
        count = queryset.count()
        if pagination.cursor:
            changed, record_id = cursor_position(pagination.cursor)
            queryset = queryset.filter(
                Q(updated_at__gt=changed) | Q(updated_at=changed, pk__gt=record_id)
            )
        rows = list(queryset[: limit + 1])
        following = cursor_after(rows[limit - 1]) if len(rows) > limit else None
        return {"items": rows[:limit], "count": count, "next": following}


def cursor_after(record) -> str:
    """The opaque cursor of the page that starts after `record`."""
    return signing.dumps([record.updated_at.isoformat(), record.pk], salt=_CURSOR_SALT)


def cursor_position(cursor: str) -> tuple[datetime, int]:
    """The `(updated_at, id)` a cursor holds; a 400 `invalid_cursor` for any other text."""
    try:
        changed, record_id = signing.loads(cursor, salt=_CURSOR_SALT)
        moment = parse_datetime(changed)
    except (signing.BadSignature, TypeError, ValueError) as error:
        raise InvalidCursor from error
    if moment is None or parse_id(record_id) is None:
        raise InvalidCursor
    return moment, record_id


class InvalidCursor(DomainError):
    def __init__(self) -> None:
        super().__init__(
            "invalid_cursor",
            _(
                "This cursor is not one this API gave. Use the `next` of the page before, "
                "or leave it out to start at the first page."
            ),
        )
