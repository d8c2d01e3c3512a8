"""Who takes part in an event: a contact of the directory is added with a role and travel
dates, or removed. A minor (under 18 at the event) is added only with a guardian's consent
recorded: who gave it, when and how. Adding is safe to retry (core.idempotency); adding the
same person twice is refused with a message, never a second row."""

import uuid
from datetime import date, timedelta
from zoneinfo import ZoneInfo

from django.db import IntegrityError, transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from pobratym.accounts.models import User
from pobratym.core.audit import audited
from pobratym.core.errors import Conflict, DomainError, require, validate
from pobratym.core.idempotency import create_once
from pobratym.core.services import model_update
from pobratym.directory.models import ConsentMethod, Contact

from ..models import Event, Participant

PARTICIPANT_FIELDS = (
    "role",
    "arrives_on",
    "departs_on",
    "minor",
    "guardian_name",
    "guardian_consent_on",
    "guardian_consent_method",
)
GUARDIAN_FIELDS = ("guardian_name", "guardian_consent_on", "guardian_consent_method")
# Travel may start or end this long before or after the event (a visit's preparation, a
# weekend to return); beyond it a date is a typing mistake.
TRAVEL_MARGIN = timedelta(days=30)


def event_days(event: Event) -> tuple[date, date]:
    """The event's first and last day, in its own time zone."""
    zone = ZoneInfo(event.time_zone)
    return (
        timezone.localtime(event.starts_at, zone).date(),
        timezone.localtime(event.ends_at, zone).date(),
    )


def check_contact(event: Event, contact: Contact, field: str = "contact") -> None:
    """A person of this partnership's directory who has not been erased."""
    if contact.partnership_id != event.partnership_id:
        raise DomainError(
            "contact_elsewhere", _("Choose a contact of this partnership."), field=field
        )
    if contact.anonymised_at is not None:
        raise DomainError("contact_anonymised", _("This contact has been anonymised."), field=field)


def _shown(day: date) -> str:
    return formats.date_format(day, "DATE_FORMAT")


def _check_travel(event: Event, participant: Participant) -> None:
    first, last = event_days(event)
    arrives, departs = participant.arrives_on, participant.departs_on
    if arrives is not None and not first - TRAVEL_MARGIN <= arrives <= last:
        raise DomainError(
            "arrival_outside",
            _("Choose an arrival between %(earliest)s and the event's last day, %(last)s.")
            % {"earliest": _shown(first - TRAVEL_MARGIN), "last": _shown(last)},
            field="arrives_on",
        )
    if departs is not None and not first <= departs <= last + TRAVEL_MARGIN:
        raise DomainError(
            "departure_outside",
            _("Choose a departure between the event's first day, %(first)s, and %(latest)s.")
            % {"first": _shown(first), "latest": _shown(last + TRAVEL_MARGIN)},
            field="departs_on",
        )
    if arrives is not None and departs is not None and departs < arrives:
        raise DomainError(
            "departs_before_arrival",
            _("The departure must not be before the arrival."),
            field="departs_on",
        )


def _check_guardian(participant: Participant) -> None:
    """A minor needs a guardian's consent, fully recorded; an adult has none stored."""
    if not participant.minor:
        for name in GUARDIAN_FIELDS:
            setattr(participant, name, None if name == "guardian_consent_on" else "")
        return
    if not participant.guardian_name:
        raise DomainError(
            "guardian_consent_missing",
            _(
                "A participant under 18 takes part only with the guardian's consent: enter the "
                "name of the parent or legal guardian who gave it."
            ),
            field="guardian_name",
        )
    if participant.guardian_consent_on is None:
        raise DomainError(
            "guardian_consent_missing",
            _(
                "A participant under 18 takes part only with the guardian's consent: enter the "
                "date it was given."
            ),
            field="guardian_consent_on",
        )
    if participant.guardian_consent_on > timezone.localdate():
        raise DomainError(
            "consent_in_future",
            _("The consent cannot be given in the future."),
            field="guardian_consent_on",
        )
    if participant.guardian_consent_method not in ConsentMethod.values:
        raise DomainError(
            "guardian_consent_missing",
            _(
                "A participant under 18 takes part only with the guardian's consent: choose how "
                "it was given."
            ),
            field="guardian_consent_method",
        )


def _already_there(event: Event, contact: Contact) -> Conflict:
    return Conflict(
        "participant_already_there",
        _("%(person)s already takes part in this event.") % {"person": contact.name},
        field="contact",
    )


def participant_check(participant: Participant) -> None:
    """Every rule of a participant a form or a spreadsheet row can break, each at its field;
    the contact and the event are set."""
    check_contact(participant.event, participant.contact)
    _check_travel(participant.event, participant)
    _check_guardian(participant)
    validate(participant, exclude=["idempotency_key"], validate_constraints=False)


@transaction.atomic
def participant_add(
    *,
    event: Event,
    contact: Contact,
    by: User,
    idempotency_key: uuid.UUID | None,
    **fields,
) -> Participant:
    """Add a contact of the partnership to the event (the offices of both sides) with their
    role and travel dates; a minor only with the guardian's consent recorded."""
    require(by, "exchanges.add_participant", event)

    def create(stamp):
        participant = Participant(event=event, contact=contact, added_by=by, **stamp)
        model_update(instance=participant, fields=PARTICIPANT_FIELDS, data=fields)
        participant_check(participant)
        existing = Participant.objects.filter(event=event, contact=contact).first()
        if existing is not None:
            if stamp["idempotency_key"] and existing.idempotency_key == stamp["idempotency_key"]:
                # A sending of this same request saved it meanwhile: create_once hands it over.
                raise IntegrityError("participant_created_once")
            raise _already_there(event, contact)
        audited(participant, by).save()
        return participant

    try:
        record, _created = create_once(
            Participant,
            key=idempotency_key,
            scope={"event": event, "added_by": by},
            data={"contact": contact, **fields},
            create=create,
        )
    except IntegrityError:
        # Another request added the same person at the same moment.
        raise _already_there(event, contact) from None
    return record


@transaction.atomic
def participant_remove(*, participant: Participant, by: User) -> None:
    """Take a person off the event's list (the offices of both sides); the change history
    keeps that they were on it."""
    require(by, "exchanges.remove_participant", participant)
    participant = Participant.objects.select_for_update().filter(pk=participant.pk).first()
    if participant is not None:
        audited(participant, by).delete()
