"""Contacts as spreadsheets: an all-or-nothing import of a list of people (XLSX or CSV), each
row checked as the contact form checks it and added through `services.contact_create`, and
the export of the contacts a member may see, in the same columns, so it imports again.

An organisation is named, not created, by a row: adding one needs its type and city and is
checked for duplicates on its own page; a misspelt name creating a second organisation would
split the directory. A row naming an organisation that is not in the directory is a problem
of that row.
"""

import hashlib
import uuid
from collections import defaultdict
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils.translation import gettext as _

from pobratym.core.chunks import one_by_one
from pobratym.core.errors import DomainError
from pobratym.core.inputs import TEXT_MAX_LENGTH
from pobratym.core.spreadsheets import (
    Problem,
    Refused,
    capfirst,
    choice_column,
    choices_column,
    choices_text,
    date_column,
    read_table,
    text_column,
)
from pobratym.core.spreadsheets.writing import template_bytes
from pobratym.translation.models import Translation

from . import services
from .forms import ContactCreateForm
from .models import NAME_MAX_LENGTH, ConsentMethod, Contact, Organisation, SpokenLanguage, key_of
from .selectors import organisation_choices

# Fixed for ever: keys made from it identify an uploaded file's contacts across retries.
IMPORT_NAMESPACE = uuid.UUID("0b7e4f36-93c2-4d1e-8a57-2f6c9d0e1a84")


def _label(name):
    return Contact._meta.get_field(name).verbose_name


def _length(name) -> int:
    return Contact._meta.get_field(name).max_length


COLUMNS = (
    text_column("organisation", _label("organisation"), NAME_MAX_LENGTH, required=True),
    text_column("name", _label("name"), _length("name"), required=True),
    text_column("function", _label("function"), _length("function")),
    choices_column("languages", _label("languages"), SpokenLanguage.choices),
    text_column("email", _label("email"), _length("email")),
    text_column("phone", _label("phone"), _length("phone")),
    date_column("consent_on", _label("consent_on"), required=True),
    text_column("consent_purpose", _label("consent_purpose"), TEXT_MAX_LENGTH, required=True),
    choice_column("consent_method", _label("consent_method"), ConsentMethod.choices),
    date_column("retain_until", _label("retain_until"), required=True),
)
BY_NAME = {column.name: column for column in COLUMNS}


def _column(name: str | None) -> str:
    """The header of the column of a field, in the reader's language ("" for none)."""
    column = BY_NAME.get(name or "")
    return capfirst(column.label) if column else ""


def contact_template() -> bytes:
    """The contacts list template in the active language."""
    instructions = [
        _("How to fill in the contacts list"),
        _("One row per person. Columns marked * must be filled in."),
        _(
            "Organisation: the name of an organisation of your own city as the directory "
            "has it (in any language); add a missing organisation in the directory first."
        ),
        _(
            "Languages spoken: one or more, separated by commas. How the consent was given: "
            "choose from the list in the cell."
        ),
        _(
            "A person is stored only with a recorded consent: its date and purpose, and the "
            "date until which they may be kept. Dates such as 2026-12-31 or 31.12.2026."
        ),
        _(
            "The import takes all rows or none: if any row has a problem, you get a list of "
            "them by row and column, and nothing is imported. Uploading the same file again "
            "creates nothing twice."
        ),
    ]
    return template_bytes(COLUMNS, instructions, _("Contacts"))


@dataclass(frozen=True)
class Imported:
    contacts: int
    earlier: int


def _key(digest: str, row: int) -> uuid.UUID:
    """The same file and row give the same key, so a retried upload finds its contacts."""
    return uuid.uuid5(IMPORT_NAMESPACE, f"{digest}:{row}")


def _organisations_by_name(by, partnership) -> tuple[dict, set]:
    """The organisations where `by` may add contacts, by their name's key in the original and
    every translation; and the keys of the partnership's other organisations (another city)."""
    own = list(organisation_choices(viewer=by, partnership=partnership))
    found = defaultdict(set)
    for organisation in own:
        found[key_of(organisation.name)].add(organisation)
    translated = Translation.objects.filter(
        content_type=ContentType.objects.get_for_model(Organisation),
        object_id__in=[organisation.pk for organisation in own],
        field="name",
    ).values_list("object_id", "text")
    by_id = {organisation.pk: organisation for organisation in own}
    for object_id, text in translated:
        found[key_of(text)].add(by_id[object_id])
    elsewhere = {
        key_of(name)
        for name in Organisation.objects.filter(partnership=partnership)
        .exclude(pk__in=by_id)
        .values_list("name", flat=True)
    }
    return found, elsewhere


def _organisation_of(row, found, elsewhere) -> tuple[Organisation | None, Problem | None]:
    name = row.values["organisation"]
    matches = found.get(key_of(name), set())
    if len(matches) == 1:
        return next(iter(matches)), None
    if matches:
        message = _("Several organisations of your city have this name; rename one of them.")
    elif key_of(name) in elsewhere:
        message = _("Contacts are added only at organisations of your own city.")
    else:
        message = _(
            "“%(name)s” is not an organisation of your city in the directory. Add it there "
            "first, or write its name as the directory has it."
        ) % {"name": name}
    return None, Problem(row.number, _column("organisation"), message)


def _form_data(row, organisation: Organisation, key: uuid.UUID) -> dict:
    data = {name: value for name, value in row.values.items() if value is not None}
    data.update(organisation=organisation.pk, idempotency_key=str(key))
    return data


def _form_problems(row, form) -> list[Problem]:
    return [
        Problem(row.number, _column(field), str(message))
        for field, messages in form.errors.items()
        for message in messages
    ]


def _field_of(error: DomainError, row) -> str | None:
    """The field a refusal of `row` is about; a person already in the directory is so by
    e-mail or by name."""
    if isinstance(error, services.DuplicateContact):
        email = key_of(row.values["email"] or "")
        return "email" if email and error.existing.email_key == email else "name"
    return error.field


def _same_person_in_file(rows) -> list[Problem]:
    """A person twice in the file (by e-mail, or name at one organisation): the later row."""
    problems, seen = [], {}
    for row in rows:
        email = key_of(row.values["email"] or "")
        keys = [("email", ("email", email))] if email else []
        keys.append(("name", (key_of(row.values["organisation"]), key_of(row.values["name"]))))
        earlier = next(((column, seen[key]) for column, key in keys if key in seen), None)
        if earlier is not None:
            message = _("The same person is on row %(row)d of this file.") % {"row": earlier[1]}
            problems.append(Problem(row.number, _column(earlier[0]), message))
        for _name, key in keys:
            seen.setdefault(key, row.number)
    return problems


def contact_import(*, partnership, by, upload) -> Imported:
    """Add every person of an uploaded contacts list, or none: raises Refused with every
    problem of the sheet and of its rows (as the contact form and `contact_create` refuse
    them: formats, consent, a person already in the directory), by row and column."""
    rows, data = read_table(upload, COLUMNS)
    digest = hashlib.sha256(data).hexdigest()
    keys = {row.number: _key(digest, row.number) for row in rows}
    earlier = set(
        Contact.objects.filter(
            partnership=partnership, created_by=by, idempotency_key__in=keys.values()
        ).values_list("idempotency_key", flat=True)
    )
    found, elsewhere = _organisations_by_name(by, partnership)
    organisations = organisation_choices(viewer=by, partnership=partnership)
    problems = _same_person_in_file(rows)
    repeated = {problem.row for problem in problems}
    created = 0
    with transaction.atomic():
        for row in rows:
            if row.number in repeated:
                continue
            organisation, problem = _organisation_of(row, found, elsewhere)
            if problem is not None:
                problems.append(problem)
                continue
            form = ContactCreateForm(
                _form_data(row, organisation, keys[row.number]), organisations=organisations
            )
            if not form.is_valid():
                problems += _form_problems(row, form)
                continue
            try:
                services.contact_create(by=by, **form.cleaned_data)
            except DomainError as error:
                problems.append(Problem(row.number, _column(_field_of(error, row)), error.message))
                continue
            created += keys[row.number] not in earlier
        if problems:
            # Inside the transaction: every contact added so far goes too.
            raise Refused(sorted(problems, key=lambda problem: problem.row or 0))
    return Imported(contacts=created, earlier=len(earlier))


# Export -----------------------------------------------------------------------------------


def contact_table(contacts) -> tuple[list, list]:
    """Headers (the import's, in the reader's language) and one row per contact; anonymised
    contacts are left out, their data is gone. `contacts` (a queryset) are read a chunk at a
    time."""
    headers = [column.label for column in COLUMNS]
    methods = dict(ConsentMethod.choices)

    def rows():
        for contact in one_by_one(contacts):
            if contact.anonymised:
                continue
            yield [
                contact.organisation.name,
                contact.name,
                contact.function,
                choices_text(contact.languages, SpokenLanguage.choices),
                contact.email,
                contact.phone,
                contact.consent_on,
                contact.consent_purpose,
                str(methods.get(contact.consent_method, "")),
                contact.retain_until,
            ]

    return headers, rows()
