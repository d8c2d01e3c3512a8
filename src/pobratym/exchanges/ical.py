"""Events as iCalendar (RFC 5545), for the public feed of a partnership and a person's private
feed: a VCALENDAR with the partner cities' time zones (VTIMEZONE) and one VEVENT per event,
its times in the event's own zone (`DTSTART;TZID=Europe/Kyiv:20250603T100000`).

The calendar is written as a stream of chunks, a few hundred events each, from an iterator of
events: a feed of thousands of events never sits in memory whole. The events carry their texts
in the feed's language already (`translation.selectors.annotated_in`), so writing one costs no
query.
"""

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from functools import cache
from itertools import islice
from zoneinfo import ZoneInfo

import icalendar
from django.utils import translation

from .models import Event, EventKind, EventTimeZone

PRODUCT = "-//Pobratym//Partnership events//EN"
CHUNK = 200  # events written per chunk of the response
# The VTIMEZONEs give every change of offset in this span, as zoneinfo knows it.
FIRST_DAY, LAST_DAY = date(1970, 1, 1), date(2100, 1, 1)
# The fields an event's VEVENT reads in the feed's language.
TEXTS = ("title", "description")


@dataclass(frozen=True)
class Feed:
    """What a feed says of itself and how it names and links its events."""

    name: str  # X-WR-CALNAME: what calendar apps call the subscription
    language: str
    host: str  # the domain in each event's UID
    address: Callable[[Event], str]  # the event's page, absolute


@cache
def time_zone(tzid: str) -> bytes:
    """The VTIMEZONE of a partner city's zone (the same for every feed, made once)."""
    return icalendar.Timezone.from_tzid(tzid, first_date=FIRST_DAY, last_date=LAST_DAY).to_ical()


def _head(feed: Feed) -> bytes:
    """BEGIN:VCALENDAR, its properties and the time zones; END:VCALENDAR comes last."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODUCT)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", feed.name)
    ending = b"END:VCALENDAR\r\n"
    head = calendar.to_ical()
    assert head.endswith(ending)
    return head.removesuffix(ending) + b"".join(time_zone(tzid) for tzid in EventTimeZone.values)


def location_of(event: Event) -> str:
    return ", ".join(part for part in (event.venue, event.city) if part)


def vevent(event: Event, feed: Feed, kinds: dict[str, str]) -> icalendar.Event:
    """The VEVENT of an event annotated with its texts in the feed's language."""
    zone = ZoneInfo(event.time_zone)
    item = icalendar.Event()
    item.add("uid", f"event-{event.pk}@{feed.host}")
    # Without a METHOD, DTSTAMP is when the event was last revised in the store (RFC 5545
    # 3.8.7.2): a feed read twice gives the same bytes for an unchanged event.
    item.add("dtstamp", event.updated_at)
    item.add("last-modified", event.updated_at)
    item.add("created", event.created_at)
    item.add("sequence", max(event.revision - 1, 0))
    item.add("dtstart", event.starts_at.astimezone(zone))
    if event.ends_at > event.starts_at:  # DTEND must be later; none means "ends as it starts"
        item.add("dtend", event.ends_at.astimezone(zone))
    item.add("summary", event.title_shown)
    item.add("description", event.description_shown)
    item.add("location", location_of(event))
    item.add("url", feed.address(event))
    item.add("categories", [kinds[event.kind]])
    return item


def calendar_stream(events: Iterable[Event], feed: Feed) -> Iterator[bytes]:
    """The feed as chunks of bytes: the head, a chunk per `CHUNK` events, the end. The words
    of the feed's language are looked up now, so the stream needs no active language."""
    with translation.override(feed.language):
        kinds = {value: str(label) for value, label in EventKind.choices}
    head = _head(feed)

    def chunks() -> Iterator[bytes]:
        yield head
        events_left = iter(events)
        while batch := list(islice(events_left, CHUNK)):
            yield b"".join(vevent(event, feed, kinds).to_ical() for event in batch)
        yield b"END:VCALENDAR\r\n"

    return chunks()
