"""What other parts show on a record's page: the projects that carry a need, a shipment or an
event, what an organisation took part in. The page's domain names none of them (decision
0010): each registers a function for the kinds of records it relates to, in its
AppConfig.ready, and the page shows the sections with `{% related_to record %}`
(templatetags/related.py).

A function is `(viewer, record) -> Section | None`: None where the viewer may see none of it
(or there is nothing); else a title, the newest few rows the viewer may see, each checked as
the record's own page checks it, and how many there are in all. A fixed number of queries,
however many records there are.
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
    role: str = ""  # what the record or organisation was there, e.g. "carrier"


@dataclass(frozen=True)
class Section:
    title: str  # e.g. "Projects"
    rows: list[Row] = field(default_factory=list)
    total: int = 0

    @property
    def more(self) -> int:
        return self.total - len(self.rows)


Related = Callable[[object, object], Section | None]

_sections: dict[str, dict[str, tuple[int, Related]]] = {}


def register_related(label: str, fn: Related, position: int = 100) -> None:
    """Add a section to the page of every record of kind `label` ("app_label.model");
    lower positions come first."""
    _sections.setdefault(label.lower(), {})[f"{fn.__module__}.{fn.__qualname__}"] = (
        position,
        fn,
    )


def related_to(viewer, record) -> list[Section]:
    """The sections about `record` the viewer may see, in their registered order."""
    registered = _sections.get(record._meta.label_lower, {})
    ordered = sorted(registered.values(), key=lambda entry: entry[0])
    sections = (fn(viewer, record) for _position, fn in ordered)
    return [section for section in sections if section is not None]
