"""The events part of the API: the events of every partnership the caller is a member of,
one event with its agenda and follow-up tasks, and adding an event (the offices of both
sides). People outside a partnership get 404 as if it did not exist.

Adding requires an `Idempotency-Key` header (a UUID chosen by the client): the same key sent
again by the same person answers the event made the first time, with 200 instead of 201, and
creates nothing; sent with other content, 409 `idempotency_key_reused`.

Times are given with their offset, or without one as the clock shows them in the event's
`time_zone`; they are answered in the event's time zone, with its offset.
"""

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Header, Query, Router, Schema, Status
from ninja.pagination import paginate

from pobratym.core.audiences import for_visitors, members_or_visitors
from pobratym.core.errors import DomainError
from pobratym.core.idempotency import created_status, idempotency_key_of
from pobratym.core.inputs import TEXT_MAX_LENGTH, CursorPagination, Id, Moment, Slug, Text
from pobratym.partnerships.access import is_visitor, partnership_for, token_partnership_id
from pobratym.translation.selectors import shown

from . import selectors, services
from .models import EventKind, EventTimeZone, ParticipantRole
from .selectors import participants

router = Router(tags=["events"])

PAGE_LIMIT = 100
VIEW = "exchanges.view_event"
IdempotencyKey = Header(None, alias="Idempotency-Key", description="A UUID chosen by the client.")


class ErrorOut(Schema):
    code: str
    message: str


READ = {400: ErrorOut, 401: ErrorOut, 404: ErrorOut, 422: ErrorOut}
# 400 a broken rule (its `code` says which: `ends_before_start`, `visitors_are_hosts`,
# `side_elsewhere`, `focus_area_elsewhere`), 403 a role that may not add events, 409 a key
# reused with other content.
WRITE = {**READ, 400: ErrorOut, 403: ErrorOut, 409: ErrorOut}


class EventFilters(Schema):
    partnership: Slug | None = Field(None, description="Only this partnership's events.")
    kind: EventKind | None = None
    focus_area: Slug | None = Field(None, description="The key of a focus area.")
    starts_from: date | None = Field(
        None, alias="from", description="Only events lasting until this day or later."
    )
    ends_until: date | None = Field(
        None, alias="to", description="Only events starting on this day or earlier."
    )


def _in_event_zone(value: datetime, event) -> datetime:
    """The time on the event's clock, with its offset; in UTC where that offset is not whole
    minutes (a zone's local mean time before it took a standard offset, Kyiv's until 1924),
    which an RFC 3339 date-time cannot write."""
    local = timezone.localtime(value, ZoneInfo(event.time_zone))
    if local.utcoffset().total_seconds() % 60:
        return value.astimezone(UTC)
    return local


class EventOut(Schema):
    id: int
    partnership: str = Field(description="The partnership's slug.")
    kind: EventKind
    focus_area: str | None = Field(description="The focus area's key.")
    title: str = Field(description="As written, in `language`.")
    title_in_reader_language: str
    language: str
    starts_at: datetime = Field(description="In the event's time zone, with its offset.")
    ends_at: datetime
    time_zone: EventTimeZone
    city: str
    venue: str
    host_side: int = Field(description="Position of the host city: 1 or 2.")
    visiting_side: int | None
    public: bool
    revision: int
    created_at: datetime

    @staticmethod
    def resolve_partnership(event) -> str:
        return event.partnership.slug

    @staticmethod
    def resolve_focus_area(event) -> str | None:
        return event.focus_area.key if event.focus_area_id else None

    @staticmethod
    def resolve_title_in_reader_language(event) -> str:
        return shown(event, "title").text

    @staticmethod
    def resolve_starts_at(event) -> datetime:
        return _in_event_zone(event.starts_at, event)

    @staticmethod
    def resolve_ends_at(event) -> datetime:
        return _in_event_zone(event.ends_at, event)

    @staticmethod
    def resolve_host_side(event) -> int:
        return event.host_side.position

    @staticmethod
    def resolve_visiting_side(event) -> int | None:
        return event.visiting_side.position if event.visiting_side_id else None


class AgendaItemOut(Schema):
    position: int
    starts_at: datetime | None
    title: str


class FollowUpOut(Schema):
    title: str
    due_on: date
    done: bool

    @staticmethod
    def resolve_done(follow_up) -> bool:
        return follow_up.done_at is not None


class RoleCountOut(Schema):
    role: str
    count: int


class ParticipantOut(Schema):
    contact_id: int
    name: str
    organisation: str
    role: ParticipantRole
    arrives_on: date | None
    departs_on: date | None
    minor: bool


class ParticipantsOut(Schema):
    """Numbers for every member; names, roles and travel dates only for those who may see
    the directory's contacts (`names` is null for the others)."""

    total: int
    minors: int
    by_role: list[RoleCountOut]
    names: list[ParticipantOut] | None = None


class EventDetailOut(EventOut):
    description: str
    outcomes: str
    agenda: list[AgendaItemOut]
    follow_ups: list[FollowUpOut]
    participants: ParticipantsOut

    @staticmethod
    def resolve_agenda(event) -> list[dict]:
        return [
            {
                "position": item.position,
                "starts_at": _in_event_zone(item.starts_at, event) if item.starts_at else None,
                "title": item.title,
            }
            for item in event.agenda_items.all()
        ]

    @staticmethod
    def resolve_follow_ups(event) -> list:
        return list(event.follow_ups.all())

    @staticmethod
    def resolve_participants(event) -> dict:
        counts = event.participant_counts
        names = event.participant_names
        return {
            "total": counts.total,
            "minors": counts.minors,
            "by_role": [{"role": label, "count": count} for label, count in counts.by_role],
            "names": None
            if names is None
            else [
                {
                    "contact_id": p.contact_id,
                    "name": p.contact.name,
                    "organisation": p.contact.organisation.name,
                    "role": p.role,
                    "arrives_on": p.arrives_on,
                    "departs_on": p.departs_on,
                    "minor": p.minor,
                }
                for p in names
            ],
        }


class PublicEventOut(EventOut):
    """A public event as a visitor reads it: no agenda, tasks or names, only how many take
    part, as on the public portal."""

    description: str
    participant_count: int


class EventIn(Schema):
    kind: EventKind
    focus_area: Slug | None = Field(None, description="The key of a focus area.")
    title: Text = Field(min_length=1, max_length=300)
    description: Text = Field("", max_length=TEXT_MAX_LENGTH)
    starts_at: Moment = Field(description="With an offset, or as the event's clock shows it.")
    ends_at: Moment
    time_zone: EventTimeZone = EventTimeZone.BERLIN
    city: Text = Field("", max_length=200)
    venue: Text = Field("", max_length=300)
    host_side: int = Field(ge=1, le=2, description="Position of the host city: 1 or 2.")
    visiting_side: int | None = Field(None, ge=1, le=2)
    outcomes: Text = Field("", max_length=TEXT_MAX_LENGTH)
    public: bool = False
    language: str | None = Field(None, description="The language the title is written in.")


@router.get("/events", response={200: list[EventOut], **READ}, url_name="exchanges_event_list")
@paginate(CursorPagination, max_limit=PAGE_LIMIT)
def event_list(request, filters: Query[EventFilters]):
    """The events of every partnership you are a member of, public or not, in the order they
    last changed; for a visitor, the public events of every partnership the portal shows."""
    data = {name: getattr(value, "value", value) for name, value in filters.model_dump().items()}
    if is_visitor(request):
        return selectors.public_events_everywhere(filters=data)
    events = selectors.events_of_member(viewer=request.user, filters=data)
    limited_to = token_partnership_id(request)
    return events if limited_to is None else events.filter(partnership_id=limited_to)


@router.get(
    "/partnerships/{slug}/events/{event_id}",
    response={200: members_or_visitors(EventDetailOut, PublicEventOut), **READ},
    url_name="exchanges_event_detail",
)
def event_detail(request, slug: Slug, event_id: Id):
    """One event with its agenda, follow-up tasks and participants (numbers for every member,
    names for those who may see the directory's contacts). A visitor reads a public event
    only, with its description and how many take part."""
    partnership = partnership_for(request, slug, VIEW, visitors=True)
    if is_visitor(request):
        event = selectors.event_public_detail(partnership=partnership, event_id=event_id)
        counts = participants.public_participant_counts(event_ids=[event.pk])
        event.participant_count = counts[event.pk].total if event.pk in counts else 0
        return for_visitors(event)
    return _detailed(request, partnership, event_id)


def _detailed(request, partnership, event_id: int):
    """The event as its detail answer shows it, with the participants the caller may see."""
    event = selectors.event_detail(viewer=request.user, partnership=partnership, event_id=event_id)
    event.participant_counts = participants.participant_counts(event_ids=[event.pk]).get(
        event.pk, participants.Counts()
    )
    event.participant_names = participants.participant_list(viewer=request.user, event=event)
    return event


def _side(partnership, position: int | None):
    if position is None:
        return None
    return partnership.sides.get(position=position)


def _focus_area(partnership, key: str | None):
    if not key:
        return None
    area = partnership.focus_areas.filter(key=key).first()
    if area is None:
        raise DomainError(
            "focus_area_elsewhere",
            _("Choose a focus area of this partnership."),
            field="focus_area",
        )
    return area


@router.post(
    "/partnerships/{slug}/events",
    response={201: EventDetailOut, 200: EventDetailOut, **WRITE},
    url_name="exchanges_event_create",
)
def event_create(
    request, slug: Slug, payload: EventIn, idempotency_key: str | None = IdempotencyKey
):
    """Add an event (coordinators and staff of either side). 201 when made; 200 with the
    same event when the Idempotency-Key was used before by you with the same body."""
    partnership = partnership_for(request, slug, VIEW)
    key = idempotency_key_of(idempotency_key)
    data = {name: getattr(value, "value", value) for name, value in payload.model_dump().items()}
    data["host_side"] = _side(partnership, data["host_side"])
    data["visiting_side"] = _side(partnership, data["visiting_side"])
    data["focus_area"] = _focus_area(partnership, data["focus_area"])
    event = services.event_create(
        partnership=partnership, by=request.user, idempotency_key=key, **data
    )
    return Status(created_status(event), _detailed(request, partnership, event.pk))
