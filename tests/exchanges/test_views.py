"""The event pages: upcoming and past lists with filters and a fixed number of queries, an
event's page in the reader's language and the event's time zone, the forms (times typed on
the event's clock, bad input shown at its field, a form sent twice making one event), the
agenda, follow-up and photo forms, and who gets which page."""

import uuid
from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from pobratym.exchanges import services
from pobratym.exchanges.models import AgendaItem, Event, EventPhoto, FollowUp
from pobratym.partnerships.models import Role
from pobratym.translation.services import translation_save
from tests.access import Page, http_check, who
from tests.exchanges.factories import event_add, wall_clock
from tests.exchanges.test_services import png
from tests.factories import focus_area_create

pytestmark = pytest.mark.django_db

OFFICE = who(Role.COORDINATOR, Role.STAFF)


def url(name, partnership, *args):
    return reverse(f"exchanges:{name}", args=[partnership.slug, *args])


def form_data(partnership, **fields) -> dict:
    sides = list(partnership.sides.order_by("position"))
    return {
        "kind": "youth",
        "title": "Jugendbegegnung Sommer",
        "starts_at": "2031-07-01T10:00",
        "ends_at": "2031-07-08T16:00",
        "time_zone": "Europe/Berlin",
        "city": "Dortmund",
        "venue": "Jugendherberge",
        "host_side": sides[0].pk,
        "visiting_side": sides[1].pk,
        "idempotency_key": str(uuid.uuid4()),
        **fields,
    }


def test_the_list_shows_upcoming_or_past_events_filtered(partnership, office, client_of, cast):
    area = focus_area_create(partnership)
    event_add(partnership, office, title="Coming visit", kind="delegation")
    event_add(partnership, office, title="Online talk", kind="online", focus_area=area)
    event_add(
        partnership,
        office,
        title="Last year's camp",
        kind="youth",
        starts_at=wall_clock(-300),
        ends_at=wall_clock(-295),
    )
    client = client_of(cast[(Role.OBSERVER, 2)])

    upcoming = client.get(url("event_list", partnership))
    assert upcoming.status_code == 200
    assert [e.title for e in upcoming.context["page"]] == ["Coming visit", "Online talk"]
    assert "2 events" in upcoming.text
    past = client.get(url("event_list", partnership), {"when": "past"})
    assert [e.title for e in past.context["page"]] == ["Last year's camp"]
    by_kind = client.get(url("event_list", partnership), {"kind": "online"})
    assert [e.title for e in by_kind.context["page"]] == ["Online talk"]
    by_area = client.get(url("event_list", partnership), {"focus_area": area.pk})
    assert [e.title for e in by_area.context["page"]] == ["Online talk"]
    assert (
        "No event matches the filter."
        in client.get(url("event_list", partnership), {"when": "past", "kind": "online"}).text
    )
    assert client.get(url("event_list", partnership), {"kind": "party"}).status_code == 400


def test_the_list_keeps_its_number_of_queries(
    partnership, office, client_of, django_assert_max_num_queries
):
    client = client_of(office)
    area = focus_area_create(partnership)
    event_add(partnership, office, focus_area=area)
    client.get(url("event_list", partnership))
    with django_assert_max_num_queries(30) as few:
        client.get(url("event_list", partnership))
    for days in range(5):
        event_add(partnership, office, focus_area=area, starts_at=wall_clock(days + 1))
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(url("event_list", partnership))
    assert page.context["page"].paginator.count == 6


def test_the_event_page_keeps_its_number_of_queries(
    partnership, event, office, cast, client_of, django_assert_max_num_queries
):
    client = client_of(office)
    services.agenda_item_add(event=event, by=office, title="Welcome")
    services.follow_up_add(
        event=event, by=office, title="Minutes", owner=office, due_on=timezone.localdate()
    )
    services.event_photo_add(event=event, by=office, image=png())
    client.get(url("event_detail", partnership, event.pk))
    with django_assert_max_num_queries(40) as few:
        client.get(url("event_detail", partnership, event.pk))
    for number in range(4):
        services.agenda_item_add(event=event, by=office, title=f"Point {number}")
        services.follow_up_add(
            event=event,
            by=office,
            title=f"Task {number}",
            owner=cast[(Role.STAFF, 2)],
            due_on=timezone.localdate(),
        )
        services.event_photo_add(event=event, by=office, image=png())
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(url("event_detail", partnership, event.pk))
    assert page.text.count("Point ") >= 4


def test_an_event_is_added_on_its_own_clock_once(partnership, office, client_of):
    client = client_of(office)
    form = client.get(url("event_create", partnership))
    key = form.context["form"]["idempotency_key"].value()
    data = form_data(partnership, idempotency_key=key, time_zone="Europe/Kyiv")
    first = client.post(url("event_create", partnership), data)
    again = client.post(url("event_create", partnership), data)
    event = Event.objects.get()
    assert first.status_code == again.status_code == 302
    assert first["Location"] == again["Location"]
    assert first["Location"].startswith(url("event_detail", partnership, event.pk))
    assert event.starts_at.astimezone(ZoneInfo("Europe/Kyiv")).hour == 10
    page = client.get(url("event_detail", partnership, event.pk))
    assert "Jugendbegegnung Sommer" in page.text
    assert "10:00, Kyiv time" in page.text
    assert "Add an agenda item" in page.text  # the next step


def test_bad_input_is_shown_at_its_field_and_nothing_is_saved(partnership, office, client_of):
    client = client_of(office)
    side = partnership.sides.first()
    ends_early = client.post(
        url("event_create", partnership), form_data(partnership, ends_at="2031-06-30T10:00")
    )
    assert ends_early.status_code == 400
    assert ends_early.context["form"].errors["ends_at"] == ["The end must not be before the start."]
    same_side = client.post(
        url("event_create", partnership),
        form_data(partnership, host_side=side.pk, visiting_side=side.pk),
    )
    assert same_side.status_code == 400
    assert "visiting_side" in same_side.context["form"].errors
    assert not Event.objects.exists()


def test_an_edit_keeps_the_wall_clock_and_refuses_a_stale_revision(
    partnership, event, office, client_of, cast
):
    client = client_of(office)
    form = client.get(url("event_edit", partnership, event.pk))
    shown = form.context["form"]["starts_at"].value()
    assert shown == wall_clock(30, 9)
    data = {**form_data(partnership), "revision": 1, "title": "Renamed"}
    data.pop("idempotency_key")
    services.event_update(event=event, by=cast[(Role.STAFF, 2)], revision=1, outcomes="Done.")
    stale = client.post(url("event_edit", partnership, event.pk), data)
    assert stale.status_code == 409
    event.refresh_from_db()
    assert event.title == "Delegation to Beta"
    saved = client.post(url("event_edit", partnership, event.pk), {**data, "revision": 2})
    assert saved.status_code == 302
    event.refresh_from_db()
    assert event.title == "Renamed" and event.time_zone == "Europe/Berlin"


def test_the_page_reads_in_the_readers_language_and_the_events_time_zone(
    partnership, office, client_of, cast
):
    event = event_add(
        partnership,
        office,
        title="Delegation visit",
        time_zone="Europe/Kyiv",
        starts_at=wall_clock(20, 9),
        ends_at=wall_clock(21, 18),
    )
    translation_save(
        record=event, field="title", language="uk", text="Візит делегації", by=office, revision=None
    )
    page = client_of(cast[(Role.STAFF, 2)]).get(
        reverse("exchanges:event_detail", args=[partnership.slug, event.pk]).replace("/en/", "/uk/")
    )
    assert "Візит делегації" in page.text
    assert "за київським часом" in page.text


def test_agenda_follow_ups_and_photos_from_the_event_page(
    partnership, event, office, cast, client_of
):
    client = client_of(office)
    outside = client.post(
        url("agenda_item_add", partnership, event.pk),
        {"agenda-title": "Too early", "agenda-starts_at": "2000-01-01T10:00"},
    )
    assert outside.status_code == 400
    assert "while the event lasts" in outside.text
    added = client.post(
        url("agenda_item_add", partnership, event.pk),
        {"agenda-title": "Welcome", "agenda-starts_at": wall_clock(30, 10).isoformat()},
    )
    assert added.status_code == 302 and added["Location"].endswith("#agenda")
    second = client.post(url("agenda_item_add", partnership, event.pk), {"agenda-title": "Tour"})
    assert second.status_code == 302
    tour = AgendaItem.objects.get(title="Tour")
    client.post(url("agenda_item_move", partnership, event.pk, tour.pk), {"direction": "up"})
    assert list(event.agenda_items.order_by("position").values_list("title", flat=True)) == [
        "Tour",
        "Welcome",
    ]
    client.post(url("agenda_item_remove", partnership, event.pk, tour.pk))
    assert list(event.agenda_items.values_list("title", flat=True)) == ["Welcome"]

    owner = cast[(Role.PARTNER, 2)]
    due = (timezone.localdate() + timedelta(days=3)).isoformat()
    client.post(
        url("follow_up_add", partnership, event.pk),
        {"follow_up-title": "Send photos", "follow_up-owner": owner.pk, "follow_up-due_on": due},
    )
    task = FollowUp.objects.get()
    owner_page = client_of(owner).get(url("event_detail", partnership, event.pk))
    assert "Your task “Send photos”" in owner_page.text
    assert (
        client_of(cast[(Role.STAFF, 2)])
        .post(url("follow_up_done", partnership, event.pk, task.pk))
        .status_code
        == 403
    )
    client_of(owner).post(url("follow_up_done", partnership, event.pk, task.pk))
    task.refresh_from_db()
    assert task.done_at is not None

    photo = client.post(
        url("event_photo_add", partnership, event.pk),
        {"photo-image": png(), "photo-caption": "Group", "photo-shows_minors": "on"},
    )
    assert photo.status_code == 302
    stored = EventPhoto.objects.get()
    assert stored.shows_minors
    shown = client_of(cast[(Role.OBSERVER, 2)]).get(
        url("event_photo", partnership, event.pk, stored.pk)
    )
    assert shown.status_code == 200 and shown["Cache-Control"] == "private, no-store"


def test_a_thread_can_be_about_an_event(partnership, event, office, client_of):
    page = client_of(office).get(url("event_detail", partnership, event.pk))
    about = f"exchanges.event:{event.pk}"
    assert f"?about={about}".replace(":", "%3A") in page.text
    form = client_of(office).get(
        reverse("conversations:thread_create", args=[partnership.slug]), {"about": about}
    )
    assert form.status_code == 200


@pytest.fixture
def world(partnership, event, office):
    photo = services.event_photo_add(event=event, by=office, image=png())
    return {"partnership": partnership, "event": event, "photo": photo}


PAGES = [
    Page("events", lambda w: url("event_list", w["partnership"]), who(*Role.values)),
    Page(
        "event", lambda w: url("event_detail", w["partnership"], w["event"].pk), who(*Role.values)
    ),
    Page("event new", lambda w: url("event_create", w["partnership"]), OFFICE),
    Page("event edit", lambda w: url("event_edit", w["partnership"], w["event"].pk), OFFICE),
    Page(
        "event photo",
        lambda w: url("event_photo", w["partnership"], w["event"].pk, w["photo"].pk),
        who(*Role.values),
    ),
]


@pytest.mark.parametrize("page", PAGES, ids=str)
def test_who_gets_each_page(page, world, cast):
    http_check(page, world, cast)
