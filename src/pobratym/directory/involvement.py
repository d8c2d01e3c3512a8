"""What an organisation took part in, on its page: offers, pledges and shipments (aid), events,
projects. The directory sits below the domains (decision 0017) and names none of them: each
registers a function in its AppConfig.ready.

A function is `(viewer, organisation) -> Section | None`: None where the viewer may see none
of it (or the domain has nothing of the organisation); else a title, the newest few rows the
viewer may see, each checked as the record's own page checks it, and how many there are in
all. A fixed number of queries, however many records there are.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime

ROWS = 5


@dataclass(frozen=True)
class Row:
    title: str  # the record, in the reader's language
    when: date | datetime | None
    status: str  # translated, e.g. "accepted"
    url: str | None = None
    role: str = ""  # what the organisation was there, e.g. "carrier"


@dataclass(frozen=True)
class Section:
    title: str  # e.g. "Offers"
    rows: list[Row] = field(default_factory=list)
    total: int = 0

    @property
    def more(self) -> int:
        return self.total - len(self.rows)


Involvement = Callable[[object, object], Section | None]

_sections: dict[str, tuple[int, Involvement]] = {}


def register_involvement(fn: Involvement, position: int = 100) -> None:
    """Add a section to every organisation's page; lower positions come first."""
    _sections[f"{fn.__module__}.{fn.__qualname__}"] = (position, fn)


def involvement_of(viewer, organisation) -> list[Section]:
    """The sections of every domain the viewer may see, in their registered order."""
    ordered = sorted(_sections.values(), key=lambda entry: entry[0])
    sections = (fn(viewer, organisation) for _position, fn in ordered)
    return [section for section in sections if section is not None]
