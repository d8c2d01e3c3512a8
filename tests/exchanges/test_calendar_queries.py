"""The calendar and its feeds cost the same number of queries however many events there are,
and the feeds stream: more events make more chunks, never more queries."""

from datetime import datetime, timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from pobratym.exchanges.ical import CHUNK
from pobratym.exchanges.models import Event
from pobratym.translation.models import digest_of
from tests.exchanges.factories import event_add

pytestmark = pytest.mark.django_db

YEAR = timezone.localdate().year + 1


def more_events(event: Event, count: int) -> None:
    """`count` copies of an event made through the service, a day apart, each with a
    translation, written at once: the size of a real calendar without minutes of setup."""
    copies = []
    for number in range(count):
        copy = Event.objects.get(pk=event.pk)
        copy.pk = None
        copy.idempotency_key = None
        copy.title = f"{event.title} {number}"
        copy.starts_at = event.starts_at + timedelta(days=number % 27, minutes=number)
        copy.ends_at = copy.starts_at + timedelta(hours=2)
        copies.append(copy)
    for copy in Event.objects.bulk_create(copies):
        copy.translations.create(
            field="title",
            language="de",
            text=f"{copy.title} (de)",
            kind="human",
            source_digest=digest_of(copy.title),
        )


@pytest.fixture
def june_event(partnership, office):
    return event_add(
        partnership,
        office,
        public=True,
        time_zone="Europe/Kyiv",
        starts_at=datetime(YEAR, 6, 1, 10, 0),
        ends_at=datetime(YEAR, 6, 1, 12, 0),
    )


def _same_queries(django_assert_max_num_queries, ask, grow) -> None:
    ask()  # caches warmed: the content types, the session
    with django_assert_max_num_queries(40) as few:
        ask()
    grow()
    with django_assert_max_num_queries(len(few.captured_queries)):
        ask()


@pytest.mark.parametrize("name", ["calendar_month", "calendar_upcoming"])
def test_the_calendar_pages_keep_their_number_of_queries(
    name, partnership, office, june_event, client_of, django_assert_max_num_queries
):
    client = client_of(office)
    address = reverse(f"exchanges:{name}", args=[partnership.slug]) + f"?month={YEAR}-06"
    more_events(june_event, 2)

    def ask():
        assert client.get(address).status_code == 200

    _same_queries(django_assert_max_num_queries, ask, lambda: more_events(june_event, 30))


def _read(address) -> list[bytes]:
    response = Client().get(address)
    assert response.status_code == 200
    assert response.streaming
    return list(response.streaming_content)


def test_the_public_feed_streams_in_the_same_queries(
    partnership, june_event, django_assert_max_num_queries
):
    address = reverse("api:partnership_calendar", kwargs={"slug": partnership.slug})
    more_events(june_event, 2)
    assert len(_read(address)) == 3  # head, one chunk of events, end

    _same_queries(
        django_assert_max_num_queries,
        lambda: _read(address),
        lambda: more_events(june_event, 2 * CHUNK),
    )
    chunks = _read(address)
    assert len(chunks) == 2 + 3  # 2 * CHUNK + 3 events in three chunks
    assert sum(chunk.count(b"BEGIN:VEVENT") for chunk in chunks) == 2 * CHUNK + 3


def test_the_private_feed_streams_in_the_same_queries(
    partnership, office, june_event, client_of, django_assert_max_num_queries
):
    response = client_of(office).post(reverse("exchanges:calendar_feed_new"))
    address = response.context["new_address"]

    _same_queries(
        django_assert_max_num_queries,
        lambda: _read(address),
        lambda: more_events(june_event, CHUNK + 5),
    )
    assert len(_read(address)) == 4


def test_the_calendar_feeds_page_keeps_its_number_of_queries(
    partnership, office, june_event, client_of, django_assert_max_num_queries
):
    """The person's address, made anew several times (the old ones revoked), and the public
    feeds of more partnerships, each named by its cities."""
    from pobratym.exchanges.services import feeds
    from pobratym.partnerships.models import Role
    from pobratym.partnerships.services import membership_add
    from tests.factories import partnership_create

    client = client_of(office)
    address = reverse("exchanges:calendar_feeds")
    feeds.calendar_feed_create(by=office)

    def grow():
        for slug in ("epsilon-zeta", "eta-theta", "iota-kappa"):
            other = partnership_create(slug=slug)
            membership_add(side=other.sides.get(position=2), user=office, role=Role.OBSERVER)
            feeds.calendar_feed_create(by=office)
        more_events(june_event, 5)

    def ask():
        page = client.get(address)
        assert page.status_code == 200
        return page

    _same_queries(django_assert_max_num_queries, ask, grow)
    assert len(ask().context["partnerships"]) == 4
