"""Every change to an event: adding and correcting it, its agenda (add, remove, move), the
follow-up tasks it leaves (add, mark done) and its photos. Adding an event is safe to retry
(core.idempotency); a correction is made from the revision the person saw (decision 0018).

Times come in aware, or as wall-clock times of the event's time zone (what a person types in
a form): `_in_zone` reads those in the event's zone, never the server's.
"""

import uuid
from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from pobratym.accounts.models import User
from pobratym.core.audit import audited
from pobratym.core.errors import DomainError, require, validate
from pobratym.core.idempotency import create_once
from pobratym.core.services import model_update
from pobratym.core.uploads import clean_upload
from pobratym.partnerships.models import FocusArea, Membership, Partnership, Side
from pobratym.translation.services import language_of, translate_later

from ..models import AgendaItem, Event, EventPhoto, EventTimeZone, FollowUp

# What a person types about an event; `starts_at`/`ends_at` are read in `time_zone`.
EVENT_FIELDS = (
    "kind",
    "focus_area",
    "title",
    "description",
    "starts_at",
    "ends_at",
    "time_zone",
    "city",
    "venue",
    "host_side",
    "visiting_side",
    "outcomes",
    "public",
)


def _in_zone(value: datetime | None, time_zone: str) -> datetime | None:
    """An aware time as it is; a wall-clock time as read in the event's zone."""
    if value is None or timezone.is_aware(value):
        return value
    return timezone.make_aware(value, ZoneInfo(time_zone))


def _shown_time(value: datetime, time_zone: str) -> str:
    return formats.date_format(timezone.localtime(value, ZoneInfo(time_zone)), "DATETIME_FORMAT")


def _check_event(event: Event) -> None:
    """The rules a form can break, each at its field, before the database's constraints."""
    partnership_id = event.partnership_id
    if event.time_zone not in EventTimeZone.values:
        raise DomainError("time_zone", _("Choose Berlin or Kyiv time."), field="time_zone")
    if event.starts_at and event.ends_at and event.ends_at < event.starts_at:
        raise DomainError(
            "ends_before_start", _("The end must not be before the start."), field="ends_at"
        )
    for name in ("host_side", "visiting_side"):
        side: Side | None = getattr(event, name)
        if side is not None and side.partnership_id != partnership_id:
            raise DomainError("side_elsewhere", _("Choose a side of this partnership."), field=name)
    if event.visiting_side_id is not None and event.visiting_side_id == event.host_side_id:
        raise DomainError(
            "visitors_are_hosts",
            _("The visiting side cannot be the host side: leave it empty or choose the other."),
            field="visiting_side",
        )
    area: FocusArea | None = event.focus_area
    if area is not None and area.partnership_id != partnership_id:
        raise DomainError(
            "focus_area_elsewhere",
            _("Choose a focus area of this partnership."),
            field="focus_area",
        )


def _check_agenda_fits(event: Event) -> None:
    """A correction of the times keeps every timed agenda item inside the event."""
    for item in event.agenda_items.exclude(starts_at=None):
        if not event.starts_at <= item.starts_at <= event.ends_at:
            raise DomainError(
                "agenda_outside",
                _("The agenda item “%(title)s” at %(time)s would be outside the event.")
                % {"title": item.title, "time": _shown_time(item.starts_at, event.time_zone)},
                field="starts_at",
            )


def _fields(data: dict, time_zone: str) -> dict:
    data = {**data, "time_zone": time_zone}
    for name in ("starts_at", "ends_at"):
        if name in data:
            data[name] = _in_zone(data[name], time_zone)
    return data


@transaction.atomic
def event_create(
    *,
    partnership: Partnership,
    by: User,
    idempotency_key: uuid.UUID | None,
    time_zone: str = EventTimeZone.BERLIN,
    language: str | None = None,
    **fields,
) -> Event:
    """Add an event of the partnership (the offices of both sides), in the language its
    title is written in; the other languages follow from the task worker."""
    require(by, "exchanges.add_event", partnership)
    data = _fields(fields, time_zone)

    def create(stamp):
        event = Event(partnership=partnership, created_by=by, **stamp)
        model_update(instance=event, fields=EVENT_FIELDS, data=data)
        _check_event(event)
        event.language = language_of(
            event, given=language, default=by.language or settings.LANGUAGE_CODE
        )
        validate(event, exclude=["idempotency_key"], validate_constraints=False)
        audited(event, by).save()
        translate_later(event)
        return event

    record, _created = create_once(
        Event,
        key=idempotency_key,
        scope={"partnership": partnership, "created_by": by},
        data={"language": language, **data},
        create=create,
    )
    return record


@transaction.atomic
def event_update(*, event: Event, by: User, revision: int | None = None, **fields) -> Event:
    """Correct an event from the `revision` the person saw (else unguarded); its timed agenda
    items must stay inside the new times, and its translations follow the new wording."""
    require(by, "exchanges.change_event", event)
    event = Event.objects.select_for_update().get(pk=event.pk)
    data = _fields(fields, fields.get("time_zone") or event.time_zone)
    model_update(instance=event, fields=EVENT_FIELDS, data=data, revision=revision)
    _check_event(event)
    _check_agenda_fits(event)
    validate(event, exclude=["idempotency_key"])
    audited(event, by).save()
    translate_later(event)
    return event


# --- agenda ---


@transaction.atomic
def agenda_item_add(
    *, event: Event, by: User, title: str, starts_at: datetime | None = None
) -> AgendaItem:
    """Add a point at the end of the agenda; a time, if given, is inside the event (a
    wall-clock time is read in the event's time zone)."""
    require(by, "exchanges.change_event", event)
    event = Event.objects.select_for_update().get(pk=event.pk)
    starts_at = _in_zone(starts_at, event.time_zone)
    if starts_at is not None and not event.starts_at <= starts_at <= event.ends_at:
        raise DomainError(
            "agenda_outside",
            _("Choose a time between %(start)s and %(end)s, while the event lasts.")
            % {
                "start": _shown_time(event.starts_at, event.time_zone),
                "end": _shown_time(event.ends_at, event.time_zone),
            },
            field="starts_at",
        )
    last = event.agenda_items.aggregate(last=Max("position"))["last"] or 0
    item = AgendaItem(event=event, position=last + 1, starts_at=starts_at)
    model_update(instance=item, fields=("title",), data={"title": title})
    item.language = language_of(item, default=event.language or by.language or "de")
    validate(item)
    item.save()
    translate_later(item)
    return item


@transaction.atomic
def agenda_item_remove(*, item: AgendaItem, by: User) -> None:
    require(by, "exchanges.change_event", item.event)
    AgendaItem.objects.filter(pk=item.pk).delete()


@transaction.atomic
def agenda_item_move(*, item: AgendaItem, by: User, up: bool) -> AgendaItem:
    """Move a point one place up or down the agenda (a no-op at either end); the agenda is
    numbered 1, 2, 3 … again, so moves from two people never leave two at one place."""
    require(by, "exchanges.change_event", item.event)
    Event.objects.select_for_update().filter(pk=item.event_id).first()
    items = list(AgendaItem.objects.filter(event_id=item.event_id).order_by("position", "pk"))
    index = next(i for i, other in enumerate(items) if other.pk == item.pk)
    neighbour = index - 1 if up else index + 1
    if 0 <= neighbour < len(items):
        items[index], items[neighbour] = items[neighbour], items[index]
    for position, other in enumerate(items, start=1):
        if other.position != position:
            other.position = position
            other.save(update_fields=["position", "updated_at"])
    return next(other for other in items if other.pk == item.pk)


# --- follow-up tasks ---


@transaction.atomic
def follow_up_add(*, event: Event, by: User, title: str, owner: User, due_on: date) -> FollowUp:
    """Leave a task of the event for a member of the partnership, by a date; it shows in
    their My work until it is marked done."""
    require(by, "exchanges.change_event", event)
    if not Membership.objects.filter(partnership_id=event.partnership_id, user=owner).exists():
        raise DomainError(
            "owner_not_member",
            _("Choose a member of the partnership as the responsible person."),
            field="owner",
        )
    follow_up = FollowUp(event=event, owner=owner, due_on=due_on)
    model_update(instance=follow_up, fields=("title",), data={"title": title})
    validate(follow_up)
    audited(follow_up, by).save()
    return follow_up


@transaction.atomic
def follow_up_complete(*, follow_up: FollowUp, by: User) -> FollowUp:
    """Mark a task done (its owner or a coordinator); marking it again changes nothing."""
    require(by, "exchanges.complete_followup", follow_up)
    follow_up = FollowUp.objects.select_for_update().get(pk=follow_up.pk)
    if follow_up.done_at is None:
        follow_up.done_at = timezone.now()
        audited(follow_up, by).save()
    return follow_up


# --- photos ---


@transaction.atomic
def event_photo_add(
    *, event: Event, by: User, image, caption: str = "", shows_minors: bool = False
) -> EventPhoto:
    """Add a photo (PNG or JPEG, re-encoded without its metadata). One showing people under
    18 is never public, whatever the event; every photo is served only to members."""
    require(by, "exchanges.change_event", event)
    cleaned = clean_upload(image, field="image")
    if cleaned.content_type == "application/pdf":
        raise DomainError("file_type", _("A photo can only be a PNG or JPEG file."), field="image")
    photo = EventPhoto(event=event, uploaded_by=by, shows_minors=shows_minors, image=cleaned)
    model_update(instance=photo, fields=("caption",), data={"caption": caption})
    validate(photo)
    photo.save()
    return photo
