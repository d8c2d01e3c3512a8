"""Reads of the calendar: a month of a partnership's events as weeks of days, the upcoming
events, and the events of the iCalendar feeds (a partnership's public ones; every event of a
person's partnerships) in the feed's language, each in a fixed number of queries.

A day is a day where the event happens: an event at 23:30 Kyiv time is on that day in Kyiv,
whichever day it is in Berlin or UTC."""

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from pobratym.core.tokens import token_digest
from pobratym.partnerships.models import Membership, Partnership, Side
from pobratym.partnerships.predicates import is_member
from pobratym.translation.selectors import annotated_in, with_translations

from ..ical import TEXTS
from ..models import CalendarFeed, Event
from .events import public_events

# The languages of the feeds, and of a side's city by its country.
FEED_LANGUAGES = ("de", "uk", "en")
COUNTRY_LANGUAGES = {"DE": "de", "AT": "de", "CH": "de", "UA": "uk"}


@dataclass
class Day:
    date: date
    in_month: bool
    is_today: bool
    # (event, part): part is "single", "start", "middle" or "end" of an event of several days
    events: list[tuple[Event, str]] = field(default_factory=list)
    entries: list = field(default_factory=list)  # (event, when) as a page writes them


@dataclass(frozen=True)
class Month:
    first: date
    weeks: list[list[Day]]
    previous: date
    next: date
    count: int  # events on the month's days


def local_dates(event: Event) -> tuple[date, date]:
    """The first and last day of the event where it happens."""
    zone = ZoneInfo(event.time_zone)
    return event.starts_at.astimezone(zone).date(), event.ends_at.astimezone(zone).date()


def _first_of_next(first: date) -> date:
    return (first + timedelta(days=31)).replace(day=1)


def _part(day: date, starts: date, ends: date) -> str:
    if starts == ends:
        return "single"
    return "start" if day == starts else "end" if day == ends else "middle"


def _calendar_events(viewer, partnership: Partnership) -> QuerySet:
    """The partnership's events, public or not, in the reader's language: members only."""
    if not is_member(viewer, partnership):
        raise Http404
    return with_translations(Event.objects.filter(partnership=partnership))


def calendar_month(*, viewer, partnership: Partnership, first: date, today: date) -> Month:
    """The month beginning on `first`, Monday to Sunday, each day of the month with the
    partnership's events that happen on it (members only, public or not). Three queries:
    the membership, the events and their translations."""
    following = _first_of_next(first)
    # A day longer on each end: the zones of the events are at most a day from UTC.
    since = datetime.combine(first - timedelta(days=1), time(), tzinfo=UTC)
    until = datetime.combine(following + timedelta(days=1), time(), tzinfo=UTC)
    events = _calendar_events(viewer, partnership).filter(starts_at__lt=until, ends_at__gte=since)
    start = first - timedelta(days=first.weekday())
    days = {}
    weeks = []
    while start < following:
        week = [Day(start + timedelta(days=n), False, False) for n in range(7)]
        for day in week:
            day.in_month = first <= day.date < following
            day.is_today = day.date == today
            if day.in_month:
                days[day.date] = day
        weeks.append(week)
        start += timedelta(days=7)
    shown = set()
    for event in events.order_by("starts_at", "pk"):
        starts, ends = local_dates(event)
        current = max(starts, first)
        while current <= min(ends, following - timedelta(days=1)):
            days[current].events.append((event, _part(current, starts, ends)))
            shown.add(event.pk)
            current += timedelta(days=1)
    return Month(
        first=first,
        weeks=weeks,
        previous=(first - timedelta(days=1)).replace(day=1),
        next=following,
        count=len(shown),
    )


def calendar_upcoming(*, viewer, partnership: Partnership) -> QuerySet:
    """The partnership's events not yet over, soonest first (members only, public or not),
    in the reader's language."""
    return (
        _calendar_events(viewer, partnership)
        .filter(ends_at__gte=timezone.now())
        .order_by("starts_at", "pk")
    )


# --- the feeds ---


def _in_feed(events: QuerySet, language: str) -> QuerySet:
    """Events for a feed: their texts in `language`, with their partnership's slug for the
    address, read in chunks from one query."""
    return annotated_in(
        events.select_related("partnership").order_by("starts_at", "pk"), TEXTS, language
    )


def feed_sides(slug: str) -> list[Side]:
    """The two sides of the partnership at `slug`, with their cities and the partnership, for
    its public feed: anybody may read it, so no membership is asked. Empty for none."""
    return list(
        Side.objects.filter(partnership__slug=slug)
        .select_related("partnership", "city")
        .order_by("position")
    )


def language_of_side(side: Side) -> str:
    return COUNTRY_LANGUAGES.get(str(side.city.country), "en")


def public_feed_events(*, partnership: Partnership, language: str) -> QuerySet:
    """The partnership's public events, for anybody."""
    return _in_feed(public_events(partnership=partnership), language)


def person_feed_events(*, user, language: str) -> QuerySet:
    """Every event, public or not, of every partnership the person is a member of now."""
    partnerships = Membership.objects.filter(user=user).values("partnership")
    return _in_feed(Event.objects.filter(partnership__in=partnerships), language)


def feed_by_secret(secret: str) -> CalendarFeed | None:
    """The feed a secret address opens: not revoked, of a person still active. Found by the
    secret's SHA-256 through the unique index, so how long the lookup takes says nothing
    about how near a guess came."""
    return (
        CalendarFeed.objects.select_related("user")
        .filter(token_hash=token_digest(secret), revoked_at__isnull=True, user__is_active=True)
        .first()
    )


def calendar_feeds(*, viewer) -> QuerySet:
    """The person's own feeds still open (usually one)."""
    return CalendarFeed.objects.filter(user=viewer, revoked_at__isnull=True).order_by("-created_at")


def calendar_feed(*, viewer, feed_id: int) -> CalendarFeed:
    """One of the person's own open feeds; 404 for anyone else's or a revoked one."""
    feed = calendar_feeds(viewer=viewer).filter(pk=feed_id).first()
    if feed is None:
        raise Http404
    return feed


def member_partnerships(*, viewer) -> QuerySet:
    """The partnerships the person is a member of, with their cities, for their public
    feeds' addresses."""
    return (
        Partnership.objects.filter(memberships__user=viewer)
        .distinct()
        .prefetch_related("sides__city")
        .order_by("slug")
    )
