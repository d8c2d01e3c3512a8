"""An event's participants as a spreadsheet (XLSX or CSV): the template an office fills in,
its all-or-nothing import through `services.participant_add`, and the export, whose columns
are the template's, so a downloaded list can be corrected and imported into another event.

A row names a person of the directory by e-mail address, or by name and organisation."""

import hashlib
import uuid
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from pobratym.core.chunks import one_by_one
from pobratym.core.errors import DomainError, require
from pobratym.core.spreadsheets import (
    Problem,
    Refused,
    capfirst,
    choice_column,
    date_column,
    read_table,
    text_column,
    yes_no_column,
    yes_no_text,
)
from pobratym.core.spreadsheets.writing import template_bytes
from pobratym.directory.models import ConsentMethod, Contact, key_of

from . import services
from .models import Event, Participant, ParticipantRole
from .services.participants import PARTICIPANT_FIELDS

# Fixed for ever: keys made from it identify an uploaded file's rows across retries.
IMPORT_NAMESPACE = uuid.UUID("0b5f3a52-8f0e-4d43-9a0e-51c7c3b1f0a7")


def _label(model, name):
    return model._meta.get_field(name).verbose_name


def _length(model, name) -> int:
    return model._meta.get_field(name).max_length


COLUMNS = (
    text_column("email", _label(Contact, "email"), _length(Contact, "email")),
    text_column("name", _label(Contact, "name"), _length(Contact, "name")),
    text_column("organisation", gettext_lazy("organisation"), 300),
    choice_column("role", _label(Participant, "role"), ParticipantRole.choices),
    date_column("arrives_on", _label(Participant, "arrives_on")),
    date_column("departs_on", _label(Participant, "departs_on")),
    yes_no_column("minor", _label(Participant, "minor")),
    text_column(
        "guardian_name", _label(Participant, "guardian_name"), _length(Participant, "guardian_name")
    ),
    date_column("guardian_consent_on", _label(Participant, "guardian_consent_on")),
    choice_column(
        "guardian_consent_method",
        _label(Participant, "guardian_consent_method"),
        ConsentMethod.choices,
    ),
)
PARTICIPANT_COLUMNS = PARTICIPANT_FIELDS


def participant_template() -> bytes:
    """The participants list template in the active language."""
    instructions = [
        _("How to fill in the participants list"),
        _(
            "One row per person. Name each person as they are in the partnership's directory: "
            "by e-mail address, or by name and organisation. Add people who are not there yet "
            "to the directory first."
        ),
        _(
            "Role: choose from the list in the cell, or write a value or code from the sheet "
            "“%(sheet)s”; empty means participant. Dates such as 2026-12-31 or 31.12.2026."
        )
        % {"sheet": _("Lists")},
        _(
            "Under 18 at the event: write yes for a minor, and fill in the guardian who gave "
            "the consent, the date and how it was given. A minor without the guardian's "
            "consent is not imported."
        ),
        _(
            "The import takes all rows or none: if any row has a problem, you get a list of "
            "them by row and column, and nothing is imported. People already on the list are "
            "left as they are; uploading the same file again adds nobody twice."
        ),
    ]
    return template_bytes(COLUMNS, instructions, _("Participants"))


@dataclass(frozen=True)
class Imported:
    added: int
    already: int


def _contacts_named(event: Event, rows) -> list[Contact]:
    """The partnership's contacts (not erased) any row could name, in one query."""
    emails = {key_of(row.values["email"]) for row in rows if row.values["email"]}
    names = {key_of(row.values["name"]) for row in rows if row.values["name"]}
    return list(
        Contact.objects.filter(partnership_id=event.partnership_id, anonymised_at__isnull=True)
        .filter(Q(email_key__in=emails) | Q(name_key__in=names))
        .select_related("organisation")
    )


def _column(name: str) -> str:
    return next(capfirst(column.label) for column in COLUMNS if column.name == name)


def _find(row, contacts: list[Contact]) -> Contact | Problem:
    """The contact a row names (by e-mail, else by name and organisation as written in the
    directory), or the problem to correct."""
    email, name, organisation = (row.values[key] for key in ("email", "name", "organisation"))
    if email:
        found = [contact for contact in contacts if contact.email_key == key_of(email)]
        message = _("No contact with this e-mail address is in the partnership's directory.")
        column = "email"
    elif name and organisation:
        found = [
            contact
            for contact in contacts
            if contact.name_key == key_of(name)
            and key_of(contact.organisation.name) == key_of(organisation)
        ]
        message = _(
            "No contact of this name at this organisation is in the partnership's directory."
        )
        column = "name"
    else:
        found = []
        message = _("Give the person's e-mail address, or their name and organisation.")
        column = "email"
    return found[0] if found else Problem(row.number, _column(column), message)


def _key(digest: str, event: Event, number: int) -> uuid.UUID:
    return uuid.uuid5(IMPORT_NAMESPACE, f"{digest}:{event.pk}:{number}")


def _column_of(field: str | None) -> str:
    """The column of a service's refusal at a field (the person: their e-mail address)."""
    names = {column.name for column in COLUMNS}
    if field == "contact":
        return _column("email")
    return _column(field) if field in names else ""


def participant_import(*, event: Event, by, upload) -> Imported:
    """Add every person of an uploaded participants list to the event, or nobody: raises
    Refused with every problem of the sheet and of the people it names, by row and column."""
    require(by, "exchanges.add_participant", event)
    rows, data = read_table(upload, COLUMNS)
    digest = hashlib.sha256(data).hexdigest()
    contacts = _contacts_named(event, rows)
    there = set(Participant.objects.filter(event=event).values_list("contact_id", flat=True))
    problems, seen, added, already = [], {}, 0, 0
    with transaction.atomic():
        for row in rows:
            contact = _find(row, contacts)
            if isinstance(contact, Problem):
                problems.append(contact)
                continue
            if contact.pk in seen:
                problems.append(
                    Problem(
                        row.number,
                        _column_of("contact"),
                        _("%(person)s is named in row %(row)d already.")
                        % {"person": contact.name, "row": seen[contact.pk]},
                    )
                )
                continue
            seen[contact.pk] = row.number
            if contact.pk in there:
                already += 1
                continue
            fields = {
                name: value
                for name in PARTICIPANT_COLUMNS
                if (value := row.values[name]) is not None
            }
            fields["minor"] = bool(fields.get("minor"))
            fields.setdefault("role", ParticipantRole.PARTICIPANT)
            try:
                participant = services.participant_add(
                    event=event,
                    contact=contact,
                    by=by,
                    idempotency_key=_key(digest, event, row.number),
                    **fields,
                )
            except DomainError as error:
                problems.append(Problem(row.number, _column_of(error.field), error.message))
                continue
            added += participant.created_now
        if problems:
            raise Refused(problems)  # inside the transaction: everyone added so far goes too
    return Imported(added=added, already=already)


# Export -----------------------------------------------------------------------------------


def participant_table(participants) -> tuple[list, list]:
    """Headers and rows of the participants export: the template's columns, so the file can
    be corrected and imported again; `participants` (a queryset) are read a chunk at a
    time."""
    headers = [column.label for column in COLUMNS]
    rows = (
        [
            participant.contact.email,
            participant.contact.name,
            participant.contact.organisation.name,
            participant.get_role_display(),
            participant.arrives_on,
            participant.departs_on,
            yes_no_text(participant.minor),
            participant.guardian_name,
            participant.guardian_consent_on,
            participant.get_guardian_consent_method_display(),
        ]
        for participant in one_by_one(participants)
    )
    return headers, rows
