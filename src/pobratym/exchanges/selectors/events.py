"""Every read of events, scoped to the viewer: members of the partnership read its events,
each page in a fixed number of queries however many events, agenda items or photos."""

from collections.abc import Mapping

from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.utils import timezone

from pobratym.accounts.models import User
from pobratym.partnerships.models import Partnership
from pobratym.partnerships.predicates import is_member
from pobratym.partnerships.selectors import partnership_public_list
from pobratym.translation.selectors import reader_translations, with_translations

from ..models import AgendaItem, Event, EventPhoto, FollowUp

UPCOMING, PAST = "upcoming", "past"


def _members_only(viewer, partnership: Partnership) -> None:
    if not is_member(viewer, partnership):
        raise Http404


def _events(partnership: Partnership) -> QuerySet:
    return Event.objects.filter(partnership=partnership).select_related(
        "focus_area", "host_side__city", "visiting_side__city"
    )


def event_list(*, viewer, partnership: Partnership, filters: Mapping | None = None) -> QuerySet:
    """The partnership's events (members only): those not yet over, soonest first, or with
    `when=past` those over, latest first; narrowed by kind and focus area; with their sides'
    cities and the reader's translations. Three queries however many: the list, its
    translations and the membership once (a page adds its count)."""
    _members_only(viewer, partnership)
    filters = filters or {}
    events = _events(partnership)
    if kind := filters.get("kind"):
        events = events.filter(kind=kind)
    if area := filters.get("focus_area"):
        events = events.filter(focus_area=area)
    now = timezone.now()
    if filters.get("when") == PAST:
        events = events.filter(ends_at__lt=now).order_by("-starts_at", "-pk")
    else:
        events = events.filter(ends_at__gte=now).order_by("starts_at", "pk")
    return with_translations(events)


def public_events(*, partnership: Partnership) -> QuerySet:
    """What anybody may see of a partnership's events: those marked public (of a participant
    only the number; `participants.public_participant_counts`). The public portal, the
    calendar feed and the API's answers to visitors all read this."""
    return Event.objects.filter(partnership=partnership, public=True)


def events_of_member(*, viewer, filters: Mapping | None = None) -> QuerySet:
    """The events of every partnership the viewer is a member of, soonest first, for the API:
    narrowed by partnership (slug), kind, focus area (key) and a period (`starts_from`,
    `ends_until`: the events overlapping those days). Two queries however many, and one for
    the translations."""
    if not viewer.is_authenticated:
        return Event.objects.none()
    return _across(Event.objects.filter(partnership__memberships__user=viewer.pk), filters)


def public_events_everywhere(*, filters: Mapping | None = None) -> QuerySet:
    """`events_of_member` for anybody: the public events of every partnership the public
    portal shows."""
    shown = Partnership.objects.filter(pk__in=partnership_public_list().values("pk"))
    return _across(Event.objects.filter(public=True, partnership__in=shown), filters)


def _across(events: QuerySet, filters: Mapping | None) -> QuerySet:
    filters = filters or {}
    events = events.select_related(
        "partnership", "focus_area", "host_side__city", "visiting_side__city"
    )
    if slug := filters.get("partnership"):
        events = events.filter(partnership__slug=slug)
    if kind := filters.get("kind"):
        events = events.filter(kind=kind)
    if area := filters.get("focus_area"):
        events = events.filter(focus_area__key=area)
    if start := filters.get("starts_from"):
        events = events.filter(ends_at__date__gte=start)
    if end := filters.get("ends_until"):
        events = events.filter(starts_at__date__lte=end)
    return with_translations(events.order_by("starts_at", "pk"))


def event_detail(*, viewer, partnership: Partnership, event_id: int) -> Event:
    """One event of the partnership with its agenda (in the reader's language), follow-up
    tasks and photos; 404 for one the viewer may not see."""
    _members_only(viewer, partnership)
    event = (
        with_translations(_events(partnership).filter(pk=event_id))
        .select_related("created_by")
        .prefetch_related(
            Prefetch(
                "agenda_items",
                queryset=AgendaItem.objects.order_by("position", "pk").prefetch_related(
                    reader_translations()
                ),
            ),
            Prefetch(
                "follow_ups",
                queryset=FollowUp.objects.select_related("owner").order_by(
                    "done_at", "due_on", "pk"
                ),
            ),
            Prefetch("photos", queryset=EventPhoto.objects.order_by("pk")),
        )
        .first()
    )
    if event is None:
        raise Http404
    return event


def event_public_detail(*, partnership: Partnership, event_id: int) -> Event:
    """One public event for anybody, without its agenda, tasks or photos; 404 for any other."""
    event = with_translations(
        public_events(partnership=partnership)
        .filter(pk=event_id)
        .select_related("partnership", "focus_area", "host_side__city", "visiting_side__city")
    ).first()
    if event is None:
        raise Http404
    return event


def event_photo(*, viewer, partnership: Partnership, event_id: int, photo_id: int) -> EventPhoto:
    _members_only(viewer, partnership)
    photo = EventPhoto.objects.filter(
        pk=photo_id, event_id=event_id, event__partnership=partnership
    ).first()
    if photo is None:
        raise Http404
    return photo


def member_choices(partnership: Partnership):
    """The partnership's members, who may own a follow-up task."""
    return User.objects.filter(memberships__partnership=partnership).order_by("name", "pk")
