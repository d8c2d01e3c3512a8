"""The iCalendar feeds: a partnership's public events for anybody, and a person's private feed
of every event of their partnerships behind a secret address that can be revoked for good.
Each feed is read back with the `icalendar` library, as a calendar app would read it."""

import hashlib
import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from pobratym.exchanges.models import CalendarFeed, EventKind
from pobratym.partnerships.models import Membership, Role
from pobratym.partnerships.services import membership_add
from pobratym.translation.models import digest_of
from tests.exchanges.calendar_factories import YEAR, kyiv_meeting, with_query
from tests.exchanges.factories import event_add
from tests.factories import member_create, partnership_create

pytestmark = pytest.mark.django_db

REQUIRED = ("UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY", "DESCRIPTION", "LOCATION", "URL")


def public_feed(partnership, **query) -> str:
    address = reverse("api:partnership_calendar", kwargs={"slug": partnership.slug})
    return with_query(address, **query)


def read(response) -> tuple[icalendar.Calendar, bytes]:
    """The calendar as an app reads it, and its bytes; the response must have streamed."""
    assert response.status_code == 200, response
    assert response.streaming
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    body = b"".join(response.streaming_content)
    return icalendar.Calendar.from_ical(body), body


def summaries(calendar) -> set[str]:
    return {str(event["SUMMARY"]) for event in calendar.walk("VEVENT")}


# --- the public feed of a partnership ---


def test_the_public_feed_is_valid_icalendar_with_times_in_each_events_zone(partnership, office):
    kyiv = kyiv_meeting(partnership, office, public=True)
    berlin = event_add(
        partnership,
        office,
        title="Digital days",
        public=True,
        starts_at=datetime(YEAR, 1, 20, 9, 30),  # winter: CET
        ends_at=datetime(YEAR, 1, 21, 17, 0),
    )

    calendar, body = read(Client().get(public_feed(partnership)))

    assert str(calendar["VERSION"]) == "2.0"
    assert "Pobratym" in str(calendar["PRODID"])
    assert {str(zone["TZID"]) for zone in calendar.walk("VTIMEZONE")} == {
        "Europe/Berlin",
        "Europe/Kyiv",
    }
    events = {str(event["UID"]): event for event in calendar.walk("VEVENT")}
    assert set(events) == {f"event-{kyiv.pk}@testserver", f"event-{berlin.pk}@testserver"}
    for event in events.values():
        for name in (*REQUIRED, "LAST-MODIFIED"):
            assert name in event, name
    meeting = events[f"event-{kyiv.pk}@testserver"]
    assert meeting["DTSTART"].params["TZID"] == "Europe/Kyiv"
    assert meeting.decoded("DTSTART") == datetime(YEAR, 6, 3, 10, 0, tzinfo=ZoneInfo("Europe/Kyiv"))
    assert meeting.decoded("DTEND") == datetime(YEAR, 6, 3, 12, 0, tzinfo=ZoneInfo("Europe/Kyiv"))
    assert f"DTSTART;TZID=Europe/Kyiv:{YEAR}0603T100000".encode() in body
    assert f"DTSTART;TZID=Europe/Berlin:{YEAR}0120T093000".encode() in body
    assert f"DTEND;TZID=Europe/Berlin:{YEAR}0121T170000".encode() in body
    assert str(meeting["SUMMARY"]) == "Water utilities meet"
    assert str(meeting["DESCRIPTION"]) == "Pumps and pipes."
    assert str(meeting["LOCATION"]) == "City hall, Zhytomyr"
    assert str(meeting["URL"]) == "http://testserver" + reverse(
        "exchanges:event_detail", args=[partnership.slug, kyiv.pk]
    ).replace("/en/", "/de/")
    # iCalendar times are to the second
    assert meeting.decoded("DTSTAMP") == kyiv.updated_at.replace(microsecond=0)
    assert meeting.decoded("LAST-MODIFIED") == kyiv.updated_at.replace(microsecond=0)
    assert meeting.decoded("DTSTAMP").utcoffset() == timedelta(0)


def test_the_feed_keeps_rfc_5545s_lines(partnership, office):
    """Lines end with CRLF and are folded at 75 octets; the same feed read twice is the same."""
    kyiv_meeting(partnership, office, public=True, title="A title long enough " * 6)

    first = read(Client().get(public_feed(partnership)))[1]
    second = read(Client().get(public_feed(partnership)))[1]

    assert first == second
    assert first.endswith(b"END:VCALENDAR\r\n")
    lines = first.split(b"\r\n")
    assert all(b"\n" not in line and len(line) <= 75 for line in lines)


def test_the_public_sees_only_public_events(partnership, office, client_of):
    kyiv_meeting(partnership, office, public=True, title="Open day")
    kyiv_meeting(partnership, office, title="Budget talks")

    for client in (Client(), client_of(office)):
        calendar = read(client.get(public_feed(partnership)))[0]
        assert summaries(calendar) == {"Open day"}


def test_the_feed_is_in_the_language_asked_for_or_the_first_sides(partnership, office):
    event = kyiv_meeting(partnership, office, public=True, title="Water utilities meet")
    for language, text in (("de", "Treffen der Wasserwerke"), ("uk", "Зустріч водоканалів")):
        event.translations.create(
            field="title",
            language=language,
            text=text,
            kind="human",
            source_digest=digest_of(event.title),
        )

    def first_summary(**query):
        return summaries(read(Client().get(public_feed(partnership, **query)))[0])

    # The first side's city is German.
    assert first_summary() == {"Treffen der Wasserwerke"}
    assert first_summary(lang="uk") == {"Зустріч водоканалів"}
    assert first_summary(lang="en") == {"Water utilities meet"}
    event = read(Client().get(public_feed(partnership, lang="uk")))[0].walk("VEVENT")[0]
    with translation.override("uk"):
        assert event["CATEGORIES"].to_ical().decode() == str(EventKind.DELEGATION.label)


def test_a_wrong_language_or_partnership_is_refused(partnership):
    wrong_language = Client().get(public_feed(partnership, lang="fr"))
    assert wrong_language.status_code == 400  # a malformed query, as for every API list
    assert wrong_language.json()["code"] == "invalid_parameter"
    assert "“lang” takes one of de, uk, en." in wrong_language.json()["message"]
    missing = Client().get(reverse("api:partnership_calendar", kwargs={"slug": "nowhere"}))
    assert missing.status_code == 404
    assert missing.json()["code"] == "not_found"


def test_an_event_ending_as_it_starts_has_no_end(partnership, office):
    event_add(
        partnership,
        office,
        public=True,
        starts_at=datetime(YEAR, 3, 1, 18, 0),
        ends_at=datetime(YEAR, 3, 1, 18, 0),
    )

    event = read(Client().get(public_feed(partnership)))[0].walk("VEVENT")[0]

    assert "DTEND" not in event
    assert "DURATION" not in event


# --- a person's private feed ---


def feeds_page():
    return reverse("exchanges:calendar_feeds")


def make_feed(client) -> str:
    """Make a secret address through the page; the address as shown, once."""
    response = client.post(reverse("exchanges:calendar_feed_new"))
    assert response.status_code == 201
    return response.context["new_address"]


def test_a_person_makes_a_secret_address_shown_once_and_stored_as_its_hash(
    partnership, office, client_of
):
    client = client_of(office)
    assert "You have no address that works now." in client.get(feeds_page()).text

    address = make_feed(client)

    secret = re.search(r"/calendar/feeds/([^/]+)\.ics\?lang=en$", address).group(1)
    feed = CalendarFeed.objects.get(user=office)
    assert feed.token_hash == hashlib.sha256(secret.encode()).hexdigest()
    assert len(secret) >= 40
    again = client.get(feeds_page())
    assert secret not in again.text
    assert "works" in again.text


def test_the_private_feed_holds_every_event_of_the_persons_partnerships_and_no_others(
    partnership, office, client_of
):
    kyiv_meeting(partnership, office, title="Budget talks")  # not public
    kyiv_meeting(partnership, office, title="Open day", public=True)
    second = partnership_create()
    staff_there = member_create(second, Role.STAFF, position=2).user
    membership_add(side=second.sides.get(position=1), user=office, role=Role.OBSERVER)
    kyiv_meeting(second, staff_there, title="Second partnership's visit")
    elsewhere = partnership_create()
    stranger = member_create(elsewhere, Role.STAFF).user
    kyiv_meeting(elsewhere, stranger, title="Somebody else's secret")
    address = make_feed(client_of(office))

    calendar, body = read(Client().get(address))

    assert summaries(calendar) == {"Budget talks", "Open day", "Second partnership's visit"}
    assert b"Somebody else's secret" not in body
    assert str(calendar["X-WR-CALNAME"]) == "Events of my partnerships"
    # the stranger's own feed shows their events and none of the person's
    stranger_feed = make_feed(client_of(stranger))
    assert summaries(read(Client().get(stranger_feed))[0]) == {"Somebody else's secret"}


def test_a_revoked_address_answers_404_for_good_and_a_new_one_works(partnership, office, client_of):
    kyiv_meeting(partnership, office, title="Budget talks")
    client = client_of(office)
    old = make_feed(client)
    feed = CalendarFeed.objects.get(user=office)

    confirm = client.get(reverse("exchanges:calendar_feed_revoke", args=[feed.pk]))
    assert "This cannot be undone." in confirm.text
    revoked = client.post(reverse("exchanges:calendar_feed_revoke", args=[feed.pk]))

    assert revoked.status_code == 302
    assert Client().get(old).status_code == 404
    new = make_feed(client)
    assert Client().get(new).status_code == 200
    assert Client().get(old).status_code == 404
    assert client.post(reverse("exchanges:calendar_feed_revoke", args=[feed.pk])).status_code == 404


def test_a_new_address_ends_the_one_before(partnership, office, client_of):
    client = client_of(office)
    first = make_feed(client)
    asked = client.get(reverse("exchanges:calendar_feed_new"))
    assert "stops working" in asked.text

    second = make_feed(client)

    assert Client().get(first).status_code == 404
    assert Client().get(second).status_code == 200
    assert CalendarFeed.objects.filter(user=office, revoked_at__isnull=True).count() == 1


def test_nobody_revokes_another_persons_address(partnership, office, cast, client_of):
    address = make_feed(client_of(office))
    feed = CalendarFeed.objects.get(user=office)
    other = client_of(cast[(Role.COORDINATOR, 1)])

    for method in (other.get, other.post):
        assert method(reverse("exchanges:calendar_feed_revoke", args=[feed.pk])).status_code == 404
    assert Client().get(address).status_code == 200


def test_a_guessed_secret_and_a_deactivated_person_find_nothing(partnership, office, client_of):
    address = make_feed(client_of(office))
    guessed = reverse("api:person_calendar", kwargs={"secret": "a" * 43})
    assert Client().get(guessed).status_code == 404

    office.is_active = False
    office.save()

    assert Client().get(address).status_code == 404


def test_leaving_a_partnership_takes_its_events_out_of_the_feed(partnership, office, client_of):
    kyiv_meeting(partnership, office, title="Budget talks")
    address = make_feed(client_of(office))

    Membership.objects.filter(user=office).delete()

    assert summaries(read(Client().get(address))[0]) == set()


def test_the_account_page_and_calendar_pages_link_the_feeds(partnership, office, client_of):
    client = client_of(office)
    for page in (
        reverse("profile"),
        reverse("exchanges:calendar_month", args=[partnership.slug]),
    ):
        assert feeds_page() in client.get(page).text
    page = client.get(feeds_page())
    assert public_feed(partnership, lang="en") in page.text
