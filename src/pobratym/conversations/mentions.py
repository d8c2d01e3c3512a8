"""A mention names a person in a message as @Full Name or @the part of their address before
the @, in any case. One rule for the e-mails (asked of a text) and My work (of the database)."""

import re


def handles(person) -> list[str]:
    return [handle for handle in (person.name, person.email.split("@")[0]) if handle]


def pattern(handle: str) -> str:
    """A regular expression that Python's `re` and the databases' `iregex` read alike."""
    return rf"(^|\W)@{re.escape(handle)}(\W|$)"


def names(text: str, person) -> bool:
    return any(re.search(pattern(handle), text, re.IGNORECASE) for handle in handles(person))
