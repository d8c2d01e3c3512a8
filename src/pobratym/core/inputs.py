"""The bounds every input shares, on pages and in the API: record ids the database can hold,
text without NUL characters (PostgreSQL refuses them), an offset within range.

Each is refused where it comes in, with an error the person can act on: a page address with an
id beyond range matches no page (404), an API field or parameter out of bounds is a 422
`invalid` naming it. Nothing out of range reaches a query, so none turns into a 500.
"""

import re
from typing import Annotated, Any

from django.utils.translation import gettext as _
from ninja import Field, Schema
from ninja.conf import settings as ninja_settings
from ninja.pagination import LimitOffsetPagination as NinjaLimitOffsetPagination
from pydantic import AfterValidator
from pydantic_core import PydanticCustomError

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


# API types: every id, text and slug an API input takes is one of these.
Id = Annotated[int, Field(ge=1, le=ID_MAX, description="A record id.")]
Text = Annotated[str, AfterValidator(_without_nul)]
Slug = Annotated[str, Field(pattern=r"^[-a-zA-Z0-9_]+$", max_length=50)]


class LimitOffsetPagination(NinjaLimitOffsetPagination):
    """Ninja's pagination with bounds: an offset the database can take (a larger one was a 500
    on both databases). A limit above the endpoint's `max_limit` still gives `max_limit`."""

    class Input(Schema):
        limit: int = Field(ninja_settings.PAGINATION_PER_PAGE, ge=1, le=ID_MAX)
        offset: int = Field(0, ge=0, le=ID_MAX)
