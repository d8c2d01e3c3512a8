"""Recent activity on a partnership's overview: what happened in every domain, newest first.
Each domain registers a source in its AppConfig.ready, so this base knows none of them.

A source is `(viewer, partnership, limit) -> list[Event]`: at most `limit` of its newest
events that the viewer may see, in a fixed number of queries.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

LIMIT = 15


@dataclass(frozen=True)
class Event:
    when: datetime
    what: str  # what happened, e.g. "Need posted"
    title: str  # the record, in the reader's language
    url: str | None = None  # the record's page


Source = Callable[[object, object, int], list[Event]]

_sources: dict[str, Source] = {}


def register_activity(source: Source) -> None:
    _sources[f"{source.__module__}.{source.__qualname__}"] = source


def recent_activity(viewer, partnership, limit: int = LIMIT) -> list[Event]:
    """The `limit` newest events of every domain the viewer may see."""
    events = [event for source in _sources.values() for event in source(viewer, partnership, limit)]
    return sorted(events, key=lambda event: event.when, reverse=True)[:limit]
