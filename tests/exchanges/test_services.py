"""Events through their services: added in their own time zone and once per key, corrected from
the revision seen, their agenda, follow-up tasks and photos; every bad input refused at its
field with nothing saved."""

import io
import uuid
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from pobratym.core.errors import Conflict, DomainError, Stale
from pobratym.exchanges import services
from pobratym.exchanges.models import AgendaItem, Event, EventPhoto, FollowUp
from pobratym.partnerships.models import Role
from tests.exchanges.factories import event_add, event_fields, wall_clock
from tests.factories import focus_area_create

pytestmark = pytest.mark.django_db

KYIV = ZoneInfo("Europe/Kyiv")


def png() -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "green").save(buffer, format="PNG")
    return SimpleUploadedFile("photo.png", buffer.getvalue())


def test_times_typed_are_read_on_the_event_clock_not_the_server(partnership, office):
    event = event_add(
        partnership,
        office,
        time_zone="Europe/Kyiv",
        starts_at=datetime(2031, 7, 1, 10, 0),
        ends_at=datetime(2031, 7, 1, 12, 30),
    )
    event.refresh_from_db()
    assert event.starts_at.astimezone(KYIV).hour == 10
    assert event.starts_at == datetime(2031, 7, 1, 7, 0, tzinfo=ZoneInfo("UTC"))
    assert event.created_by == office
    assert event.language == "en"


def test_an_event_sent_twice_with_one_key_is_added_once(partnership, office):
    key = uuid.uuid4()
    first = event_add(partnership, office, idempotency_key=key, title="Youth camp")
    again = services.event_create(
        partnership=partnership,
        by=office,
        idempotency_key=key,
        language="en",
        **event_fields(
            partnership,
            title="Youth camp",
            starts_at=first.starts_at,
            ends_at=first.ends_at,
        ),
    )
    assert again.pk == first.pk
    assert Event.objects.count() == 1


def test_a_key_sent_again_with_other_content_is_refused(partnership, office):
    key = uuid.uuid4()
    event_add(partnership, office, idempotency_key=key, title="Youth camp")
    with pytest.raises(Conflict):
        event_add(partnership, office, idempotency_key=key, title="Another camp")
    assert Event.objects.count() == 1


def _refused_at(field: str, call) -> DomainError:
    before = Event.objects.count(), AgendaItem.objects.count()
    with pytest.raises(DomainError) as refused:
        call()
    assert refused.value.field == field, refused.value.message
    assert (Event.objects.count(), AgendaItem.objects.count()) == before
    return refused.value


def test_an_end_before_the_start_is_refused_at_the_end(partnership, office):
    error = _refused_at(
        "ends_at",
        lambda: event_add(
            partnership, office, starts_at=wall_clock(5, 12), ends_at=wall_clock(5, 9)
        ),
    )
    assert "end" in error.message


def test_the_visiting_side_cannot_be_the_host(partnership, office):
    side = partnership.sides.first()
    _refused_at(
        "visiting_side",
        lambda: event_add(partnership, office, host_side=side, visiting_side=side),
    )


def test_a_side_of_another_partnership_is_refused(partnership, other_partnership, office):
    foreign = other_partnership.sides.first()
    _refused_at("host_side", lambda: event_add(partnership, office, host_side=foreign))
    _refused_at("visiting_side", lambda: event_add(partnership, office, visiting_side=foreign))


def test_a_focus_area_of_another_partnership_is_refused(partnership, other_partnership, office):
    foreign = focus_area_create(other_partnership, "science")
    _refused_at("focus_area", lambda: event_add(partnership, office, focus_area=foreign))


def test_only_the_offices_add_events(partnership, cast):
    with pytest.raises(PermissionDenied):
        event_add(partnership, cast[(Role.PARTNER, 1)])
    assert not Event.objects.exists()


def test_a_correction_from_an_older_revision_is_refused_and_changes_nothing(event, office, cast):
    other = cast[(Role.COORDINATOR, 2)]
    services.event_update(event=event, by=other, revision=1, outcomes="Agreed a school exchange.")
    with pytest.raises(Stale):
        services.event_update(event=event, by=office, revision=1, title="Renamed")
    event.refresh_from_db()
    assert (event.title, event.outcomes, event.revision) == (
        "Delegation to Beta",
        "Agreed a school exchange.",
        2,
    )
    assert event.history.first().history_user == other


def test_a_correction_keeps_its_time_zone_wall_clock(event, office):
    event = services.event_update(
        event=event,
        by=office,
        revision=event.revision,
        time_zone="Europe/Kyiv",
        starts_at=datetime(2031, 3, 2, 9, 0),
        ends_at=datetime(2031, 3, 2, 18, 0),
    )
    assert event.starts_at.astimezone(KYIV).hour == 9


def test_an_agenda_item_outside_the_event_is_refused(event, office):
    error = _refused_at(
        "starts_at",
        lambda: services.agenda_item_add(
            event=event, by=office, title="Too early", starts_at=wall_clock(29, 8)
        ),
    )
    assert "while the event lasts" in error.message


def test_times_cannot_move_away_from_the_agenda(event, office):
    services.agenda_item_add(event=event, by=office, title="Visit", starts_at=wall_clock(31, 11))
    with pytest.raises(DomainError) as refused:
        services.event_update(
            event=event, by=office, starts_at=wall_clock(40, 9), ends_at=wall_clock(41, 9)
        )
    assert refused.value.field == "starts_at"
    assert "Visit" in refused.value.message
    event.refresh_from_db()
    assert event.starts_at == timezone.make_aware(wall_clock(30, 9), ZoneInfo("Europe/Berlin"))
    assert event.revision == 1


def test_the_agenda_is_added_to_moved_and_removed(event, office):
    first = services.agenda_item_add(
        event=event, by=office, title="Welcome", starts_at=wall_clock(30, 9)
    )
    second = services.agenda_item_add(event=event, by=office, title="Tour")
    third = services.agenda_item_add(event=event, by=office, title="Dinner")
    assert [first.position, second.position, third.position] == [1, 2, 3]

    def titles():
        return list(event.agenda_items.order_by("position").values_list("title", flat=True))

    services.agenda_item_move(item=third, by=office, up=True)
    assert titles() == ["Welcome", "Dinner", "Tour"]
    services.agenda_item_move(item=first, by=office, up=True)  # already first: stays
    assert titles() == ["Welcome", "Dinner", "Tour"]
    services.agenda_item_remove(item=second, by=office)
    services.agenda_item_move(item=first, by=office, up=False)
    assert titles() == ["Dinner", "Welcome"]
    assert list(event.agenda_items.order_by("position").values_list("position", flat=True)) == [
        1,
        2,
    ]


def test_a_follow_up_is_for_a_member_and_marked_done_once(event, office, cast, outsider):
    due = timezone.localdate() + timedelta(days=14)
    with pytest.raises(DomainError) as refused:
        services.follow_up_add(event=event, by=office, title="Report", owner=outsider, due_on=due)
    assert refused.value.field == "owner"
    owner = cast[(Role.PARTNER, 2)]
    task = services.follow_up_add(event=event, by=office, title="Report", owner=owner, due_on=due)
    with pytest.raises(PermissionDenied):
        services.follow_up_complete(follow_up=task, by=cast[(Role.STAFF, 2)])
    done = services.follow_up_complete(follow_up=task, by=owner)
    again = services.follow_up_complete(follow_up=task, by=cast[(Role.COORDINATOR, 1)])
    assert done.done_at is not None and again.done_at == done.done_at
    assert FollowUp.objects.get().history.count() == 2


def test_a_photo_is_stored_with_whether_it_shows_minors(event, office):
    photo = services.event_photo_add(
        event=event, by=office, image=png(), caption="Football", shows_minors=True
    )
    assert photo.shows_minors and photo.image.name.startswith("exchanges/photos/")
    assert photo.image.name.endswith(".png")


def test_a_pdf_is_not_a_photo(event, office):
    from tests.core.test_uploads import pdf_bytes

    with pytest.raises(DomainError) as refused:
        services.event_photo_add(
            event=event, by=office, image=SimpleUploadedFile("a.pdf", pdf_bytes())
        )
    assert refused.value.field == "image"
    assert not EventPhoto.objects.exists()
