"""One address, two readers: a member reads a record whole, a visitor (no session, no token)
only its public part. An endpoint that serves both declares `members_or_visitors(Whole,
Public)` as its answer and marks what it hands a visitor with `for_visitors(record)`; the
answer is then shaped by the public schema, decided by that mark and nothing else, so a
record a visitor reads can never be shaped by the members' schema (decision 0023)."""

from typing import Annotated, Any

from pydantic import Discriminator, Tag

_MARK = "_pobratym_for_visitors"


def for_visitors(record: Any) -> Any:
    """`record`, marked to be answered in the visitors' schema."""
    setattr(record, _MARK, True)
    return record


def members_or_visitors(members: type, visitors: type) -> Any:
    """The answer type: `members` for a record as members read it, `visitors` for one
    marked with `for_visitors` (and, once shaped, for the visitors' schema itself)."""

    def audience(value: Any) -> str:
        if isinstance(value, visitors) or getattr(value, _MARK, False):
            return "visitors"
        return "members"

    return Annotated[
        Annotated[members, Tag("members")] | Annotated[visitors, Tag("visitors")],
        Discriminator(audience),
    ]
