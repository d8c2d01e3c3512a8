"""The calendar pages of a partnership: a month (weeks of days, today marked, the months
before and after) and the upcoming events by day, for members only, public events or not,
each time on the clock of the event's city, titles in the reader's language."""

from datetime import date, datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from pobratym.partnerships.models import Role
from pobratym.translation.models import digest_of
from tests.access import EVERYONE, Page, http_check
from tests.exchanges.calendar_factories import YEAR, kyiv_meeting, with_query
from tests.exchanges.factories import event_add

pytestmark = pytest.mark.django_db


def url(name, partnership, **query):
    return with_query(reverse(f"exchanges:{name}", args=[partnership.slug]), **query)


def test_the_month_shows_each_event_on_its_day_at_its_citys_time(
    partnership, office, client_of, cast
):
    kyiv_meeting(partnership, office)
    event_add(
        partnership,
        office,
        title="Youth week",
        public=True,
        starts_at=datetime(YEAR, 6, 28, 9, 0),
        ends_at=datetime(YEAR, 7, 2, 16, 0),
    )
    client = client_of(cast[(Role.OBSERVER, 2)])

    page = client.get(url("calendar_month", partnership, month=f"{YEAR}-06"))

    assert page.status_code == 200
    month = page.context["month"]
    days = {day.date: day for week in month.weeks for day in week if day.in_month}
    assert [event.title for event, _ in days[date(YEAR, 6, 3)].events] == ["Water utilities meet"]
    assert month.count == 2
    # Monday to Sunday
    assert month.weeks[0][0].date.weekday() == 0
    assert date(YEAR, 6, 1) in [day.date for day in month.weeks[0]]
    assert "10:00–12:00, Kyiv time" in page.text
    # an event of several days: on each of its days of the month, marked as it goes
    parts = [part for day in range(28, 31) for _, part in days[date(YEAR, 6, day)].events]
    assert parts == ["start", "middle", "middle"]
    assert "from 09:00, Berlin time" in page.text
    assert "all day" in page.text
    assert '<table class="calendar"' in page.text
    assert 'rel="prev"' in page.text and f"?month={YEAR}-05" in page.text
    assert f"?month={YEAR}-07" in page.text


def test_an_event_late_in_the_evening_in_kyiv_is_on_that_day_in_kyiv(
    partnership, office, client_of
):
    """At 00:30 on 1 July Kyiv time it is still 30 June in Berlin and in UTC: the event is
    on 1 July, where it happens."""
    event_add(
        partnership,
        office,
        title="Night train arrives",
        time_zone="Europe/Kyiv",
        starts_at=datetime(YEAR, 7, 1, 0, 30),
        ends_at=datetime(YEAR, 7, 1, 1, 0),
    )
    client = client_of(office)

    june = client.get(url("calendar_month", partnership, month=f"{YEAR}-06")).context["month"]
    july = client.get(url("calendar_month", partnership, month=f"{YEAR}-07")).context["month"]

    assert june.count == 0
    first = next(day for day in july.weeks[0] if day.date == date(YEAR, 7, 1))
    assert [event.title for event, _ in first.events] == ["Night train arrives"]


def test_today_is_marked_and_the_current_month_is_the_default(partnership, office, client_of):
    client = client_of(office)
    today = timezone.localdate()

    page = client.get(url("calendar_month", partnership))

    assert page.context["month"].first == today.replace(day=1)
    assert f'datetime="{today:%Y-%m-%d}" aria-current="date"' in page.text
    assert "today" in page.text
    assert "No events in" in page.text


def test_a_month_that_cannot_be_read_is_refused_at_the_field(partnership, office, client_of):
    client = client_of(office)

    for wrong in ("June", "2026-13", "1969-12"):
        page = client.get(url("calendar_month", partnership, month=wrong))
        assert page.status_code == 400, wrong
        assert "There is a problem" in page.text
        assert page.context["month"].first == timezone.localdate().replace(day=1)


def test_titles_are_in_the_readers_language(partnership, office, client_of, cast):
    event = kyiv_meeting(partnership, office, title="Treffen der Wasserwerke", language="de")
    event.translations.create(
        field="title",
        language="uk",
        text="Зустріч водоканалів",
        kind="human",
        source_digest=digest_of(event.title),
    )
    client = client_of(cast[(Role.STAFF, 2)])

    month = client.get(
        url("calendar_month", partnership, month=f"{YEAR}-06").replace("/en/", "/uk/")
    )
    upcoming = client.get(url("calendar_upcoming", partnership).replace("/en/", "/uk/"))

    for page in (month, upcoming):
        assert "Зустріч водоканалів" in page.text
        assert "Treffen der Wasserwerke" not in page.text
        assert "за київським часом" in page.text


def test_the_upcoming_list_groups_events_by_day_and_leaves_out_those_over(
    partnership, office, client_of
):
    today = timezone.localdate()
    event_add(
        partnership,
        office,
        title="Long over",
        starts_at=datetime(2020, 1, 1, 9),
        ends_at=datetime(2020, 1, 1, 10),
    )
    soon = event_add(partnership, office, title="Soon")
    event_add(
        partnership,
        office,
        title="Same day",
        starts_at=soon.starts_at.replace(tzinfo=None),
        ends_at=soon.ends_at.replace(tzinfo=None),
    )
    later = event_add(
        partnership,
        office,
        title="Later",
        public=True,
        starts_at=datetime(today.year + 1, 3, 2, 9),
        ends_at=datetime(today.year + 1, 3, 2, 11),
    )
    client = client_of(office)

    page = client.get(url("calendar_upcoming", partnership))

    days = page.context["days"]
    assert [[event.title for event, _ in entries] for _day, entries in days] == [
        ["Soon", "Same day"],
        ["Later"],
    ]
    assert days[1][0] == date(today.year + 1, 3, 2)
    assert "Long over" not in page.text
    assert "public" in page.text
    assert reverse("exchanges:event_detail", args=[partnership.slug, later.pk]) in page.text


def test_the_pages_offer_the_public_feed_to_subscribe(partnership, office, client_of):
    client = client_of(office)

    page = client.get(url("calendar_month", partnership).replace("/en/", "/de/"))

    feed = f"/api/v1/partnerships/{partnership.slug}/events.ics?lang=de"
    assert f'value="http://testserver{feed}"' in page.text
    assert f'href="webcal://testserver{feed}"' in page.text
    assert reverse("exchanges:calendar_feeds") in page.text


def test_members_of_every_role_see_the_calendar_others_do_not(partnership, office, cast):
    kyiv_meeting(partnership, office)
    for name in ("calendar_month", "calendar_upcoming"):
        page = Page(name, lambda world, name=name: url(name, world), EVERYONE)
        http_check(page, partnership, cast)


def test_the_event_page_links_its_month_and_the_feeds(partnership, office, client_of):
    event = kyiv_meeting(partnership, office)
    client = client_of(office)

    page = client.get(reverse("exchanges:event_detail", args=[partnership.slug, event.pk]))

    assert url("calendar_month", partnership, month=f"{YEAR}-06") in page.text
    assert reverse("exchanges:calendar_feeds") in page.text
