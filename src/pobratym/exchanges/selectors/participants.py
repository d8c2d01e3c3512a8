"""Reads of who takes part in an event and who was invited: names for those who may see the
directory's contacts (`directory.predicates.sees_contacts`), counts for everyone else, and
the counts alone for the public portal."""

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext as _

from pobratym.directory.models import Contact
from pobratym.directory.predicates import sees_contacts
from pobratym.partnerships.predicates import membership_of

from ..models import Event, Invitation, Participant, ParticipantRole, Reply


@dataclass(frozen=True)
class Counts:
    """How many take part, how many of them are minors, and how many in each role (the
    role's label and number, in the roles' order, roles nobody has left out). No names."""

    total: int = 0
    minors: int = 0
    by_role: tuple[tuple[str, int], ...] = field(default_factory=tuple)


def _counts(rows: Iterable[dict]) -> dict[int, Counts]:
    gathered: dict[int, dict] = {}
    for row in rows:
        event = gathered.setdefault(row["event_id"], {"total": 0, "minors": 0, "roles": {}})
        event["total"] += row["count"]
        event["minors"] += row["minors"]
        event["roles"][row["role"]] = event["roles"].get(row["role"], 0) + row["count"]
    return {
        event_id: Counts(
            total=found["total"],
            minors=found["minors"],
            by_role=tuple(
                (str(label), found["roles"][role])
                for role, label in ParticipantRole.choices
                if role in found["roles"]
            ),
        )
        for event_id, found in gathered.items()
    }


def participant_counts(*, event_ids: Iterable[int]) -> dict[int, Counts]:
    """The counts of each of these events, in one query; an event nobody takes part in is
    missing (read it as `Counts()`)."""
    if not isinstance(event_ids, QuerySet):
        event_ids = list(event_ids)
    rows = (
        Participant.objects.filter(event_id__in=event_ids)
        .values("event_id", "role")
        .annotate(count=Count("pk"), minors=Count("pk", filter=Q(minor=True)))
        .order_by()
    )
    return _counts(rows)


def public_participant_counts(*, event_ids: Iterable[int]) -> dict[int, Counts]:
    """What the public portal may show of events marked public: numbers, never a name, a
    role of a person or anything of a minor beyond how many there are. Events not public
    are left out."""
    public = Event.objects.filter(pk__in=list(event_ids), public=True).values_list("pk")
    return participant_counts(event_ids=public)


def may_see_names(viewer, event: Event) -> bool:
    """Names of participants and invitees follow who may see the directory's contacts."""
    return sees_contacts(membership_of(viewer, event))


def participant_list(*, viewer, event: Event) -> list[Participant] | None:
    """The event's participants with their contact and organisation (one query), by role
    and name; None for a viewer who may see only the counts."""
    participants = participants_for_export(viewer=viewer, event=event)
    return None if participants is None else list(participants)


def participants_for_export(*, viewer, event: Event) -> QuerySet | None:
    """The participants of `participant_list` as a queryset, for an export to read a chunk
    at a time; None for a viewer who may see only the counts."""
    if not may_see_names(viewer, event):
        return None
    return (
        Participant.objects.filter(event=event)
        .select_related("contact__organisation", "contact__side__city")
        .order_by("role", "contact__name_key", "pk")
    )


def invitation_list(*, viewer, event: Event) -> list[Invitation] | None:
    """The event's invitations with their contact and organisation (one query), by name;
    None for a viewer who may not see the names."""
    if not may_see_names(viewer, event):
        return None
    return list(
        Invitation.objects.filter(event=event)
        .select_related("contact__organisation")
        .order_by("contact__name_key", "pk")
    )


def reply_counts(*, event: Event) -> tuple[tuple[str, str, int], ...]:
    """How many invitees answered yes, no and maybe, and how many not yet (code, label,
    number; "" for no reply), in one query: numbers, no names, for every member."""
    found = dict(
        Invitation.objects.filter(event=event)
        .values_list("reply")
        .annotate(count=Count("pk"))
        .order_by()
    )
    labels = [*Reply.choices, ("", _("no reply yet"))]
    return tuple((code, str(label), found.get(code, 0)) for code, label in labels)


def contact_choices(*, viewer, event: Event, with_email: bool = False) -> QuerySet:
    """The partnership's contacts an office may add to the event or invite (not erased;
    with an e-mail address for invitations), by name."""
    if not may_see_names(viewer, event):
        return Contact.objects.none()
    contacts = Contact.objects.filter(
        partnership_id=event.partnership_id, anonymised_at__isnull=True
    )
    if with_email:
        contacts = contacts.exclude(email="")
    return contacts.select_related("organisation").order_by("name_key", "pk")
