"""Every change to the directory: organisations (add, correct, or find by name when a domain
names one) and contacts (add, correct, erase). Adding is safe to retry (core.idempotency); a
contact already in the directory, by e-mail or by name at the same organisation, is refused
with a pointer to the one there."""

import uuid
from collections.abc import Iterable

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pobratym.accounts.models import User
from pobratym.core.audit import audited
from pobratym.core.changes import forget_kept
from pobratym.core.errors import Conflict, DomainError, require, validate
from pobratym.core.idempotency import create_once
from pobratym.core.services import model_update
from pobratym.core.uploads import clean_upload
from pobratym.partnerships.models import FocusArea, Partnership, Side
from pobratym.partnerships.predicates import membership_of
from pobratym.translation.services import language_of, translate_later

from .models import (
    PERSONAL_FIELDS,
    Contact,
    Organisation,
    OrganisationKind,
    SpokenLanguage,
    key_of,
)
from .personal_data import erase_everywhere

ORGANISATION_FIELDS = ("name", "kind", "description", "website")
CONTACT_FIELDS = (
    "name",
    "function",
    "languages",
    "email",
    "phone",
    "consent_on",
    "consent_purpose",
    "consent_method",
    "retain_until",
)


class DuplicateContact(Conflict):
    """The person is in the directory already: `existing` is the contact to open instead."""

    def __init__(self, existing: Contact, message: str) -> None:
        super().__init__("duplicate_contact", message)
        self.existing = existing


def _own_side(by: User, partnership: Partnership):
    membership = membership_of(by, partnership)
    if membership is None:
        raise DomainError("not_member", _("Only members of the partnership can do this."))
    return membership.side


def _focus_areas(partnership: Partnership, focus_areas: Iterable) -> list[FocusArea]:
    chosen = list(focus_areas or ())
    if any(area.partnership_id != partnership.pk for area in chosen):
        raise DomainError(
            "focus_area_elsewhere",
            _("Choose focus areas of this partnership."),
            field="focus_areas",
        )
    return chosen


def _logo(upload):
    cleaned = clean_upload(upload, field="logo")
    if cleaned.content_type == "application/pdf":
        raise DomainError("file_type", _("A logo can only be a PNG or JPEG file."), field="logo")
    return cleaned


def _written_in(organisation: Organisation, by: User, language: str | None) -> None:
    organisation.language = language_of(
        organisation, given=language, default=by.language or settings.LANGUAGE_CODE
    )


def _save_new(organisation: Organisation, by: User, fields, logo, language) -> Organisation:
    model_update(instance=organisation, fields=ORGANISATION_FIELDS, data=fields)
    organisation.name_key = key_of(organisation.name)
    if logo:
        organisation.logo = _logo(logo)
    _written_in(organisation, by, language)
    validate(organisation, exclude=["idempotency_key"], validate_constraints=False)
    audited(organisation, by).save()
    translate_later(organisation)
    return organisation


@transaction.atomic
def organisation_create(
    *,
    partnership: Partnership,
    by: User,
    idempotency_key: uuid.UUID | None,
    focus_areas: Iterable[FocusArea] = (),
    logo=None,
    language: str | None = None,
    **fields,
) -> Organisation:
    """Add an organisation of the person's own city (coordinators and staff), in the language
    its name is written in; the other languages follow from the task worker."""
    require(by, "directory.add_organisation", partnership)
    areas = _focus_areas(partnership, focus_areas)

    def create(stamp):
        organisation = Organisation(
            partnership=partnership, side=_own_side(by, partnership), created_by=by, **stamp
        )
        _save_new(organisation, by, fields, logo, language)
        organisation.focus_areas.set(areas)
        return organisation

    data = {"focus_areas": areas, "logo": logo, "language": language, **fields}
    record, _created = create_once(
        Organisation,
        key=idempotency_key,
        scope={"partnership": partnership, "created_by": by},
        data=data,
        create=create,
    )
    return record


@transaction.atomic
def organisation_update(
    *,
    organisation: Organisation,
    by: User,
    focus_areas: Iterable[FocusArea] | None = None,
    logo=None,
    remove_logo: bool = False,
    revision: int | None = None,
    **fields,
) -> Organisation:
    """Correct an organisation of one's own city, from the `revision` the person saw (else
    unguarded; core.services.model_update); its translations follow the new wording."""
    require(by, "directory.change_organisation", organisation)
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    model_update(instance=organisation, fields=ORGANISATION_FIELDS, data=fields, revision=revision)
    organisation.name_key = key_of(organisation.name)
    if logo:
        organisation.logo = _logo(logo)
    elif remove_logo:
        organisation.logo = ""
    validate(organisation, exclude=["idempotency_key"])
    audited(organisation, by).save()
    if focus_areas is not None:
        organisation.focus_areas.set(_focus_areas(organisation.partnership, focus_areas))
    translate_later(organisation)
    return organisation


def organisation_named(
    *, partnership: Partnership, side: Side, name: str, kind: str, by: User
) -> Organisation:
    """The organisation of `side` called `name` (compared by `key_of`), added to the directory
    as of `kind` if there is none yet: how a domain names a donor or carrier that is not in the
    list. The calling service has checked that `by` may name it there and runs this in its
    own transaction, so nothing stays of it if the record naming it is refused."""
    if membership_of(by, partnership) is None:
        raise DomainError("not_member", _("Only members of the partnership can do this."))
    if side.partnership_id != partnership.pk:
        raise DomainError("side_elsewhere", _("Choose a city of this partnership."))
    key = key_of(name)
    if not key:
        raise DomainError("name_missing", _("Enter the organisation's name."), field="name")
    found = Organisation.objects.filter(partnership=partnership, side=side, name_key=key)
    existing = found.order_by("pk").first()
    if existing is not None:
        return existing
    if kind not in OrganisationKind.values:
        raise DomainError(
            "kind_missing", _("Choose the type of the new organisation."), field="kind"
        )
    organisation = Organisation(partnership=partnership, side=side, created_by=by)
    return _save_new(organisation, by, {"name": " ".join(name.split()), "kind": kind}, None, None)


def _check_languages(languages) -> list[str]:
    languages = list(languages or [])
    unknown = set(languages) - set(SpokenLanguage.values)
    if unknown:
        raise DomainError(
            "unknown_language", _("Choose the languages from the list."), field="languages"
        )
    return [code for code in SpokenLanguage.values if code in languages]


def _keys(contact: Contact) -> None:
    contact.name_key = key_of(contact.name)
    contact.email_key = key_of(contact.email)


def _check(contact: Contact) -> None:
    if not contact.name.strip():
        raise DomainError("name_missing", _("Enter the person's name."), field="name")
    if contact.consent_on is None or not contact.consent_purpose.strip():
        raise DomainError(
            "consent_missing",
            _("A contact is stored only with a consent: enter its date and purpose."),
            field="consent_on",
        )
    if contact.consent_on > timezone.localdate():
        raise DomainError(
            "consent_in_future", _("The consent cannot be given in the future."), field="consent_on"
        )
    if contact.retain_until is None or contact.retain_until < contact.consent_on:
        raise DomainError(
            "retention_before_consent",
            _("The contact must be kept at least until the day of the consent."),
            field="retain_until",
        )


def duplicate_of(contact: Contact) -> Contact | None:
    """A contact of the partnership that is the same person: the same e-mail address, or the
    same name at the same organisation (anonymised contacts are nobody)."""
    others = Contact.objects.filter(
        partnership_id=contact.partnership_id, anonymised_at__isnull=True
    ).exclude(pk=contact.pk)
    if contact.email_key:
        same = others.filter(email_key=contact.email_key).first()
        if same is not None:
            return same
    return others.filter(organisation_id=contact.organisation_id, name_key=contact.name_key).first()


def _refuse_duplicate(contact: Contact, existing: Contact | None) -> None:
    """Refuse `contact` if it is `existing`, the person already there (`duplicate_of`)."""
    if existing is None:
        return
    if contact.email_key and existing.email_key == contact.email_key:
        message = _("A contact with this e-mail address is already in the directory.")
    else:
        message = _("A contact of this name at this organisation is already in the directory.")
    raise DuplicateContact(existing, message)


@transaction.atomic
def contact_create(
    *,
    organisation: Organisation,
    by: User,
    idempotency_key: uuid.UUID | None,
    **fields,
) -> Contact:
    """Add a person to contact at an organisation of one's own city, with their consent and
    the date until which they are kept; a person already there is refused (DuplicateContact,
    naming the existing contact), never stored twice."""
    require(by, "directory.add_contact", organisation.partnership)
    require(by, "directory.change_organisation", organisation)
    fields["languages"] = _check_languages(fields.get("languages"))

    def create(stamp):
        contact = Contact(
            partnership_id=organisation.partnership_id,
            side_id=organisation.side_id,
            organisation=organisation,
            created_by=by,
            **stamp,
        )
        model_update(instance=contact, fields=CONTACT_FIELDS, data=fields)
        _keys(contact)
        _check(contact)
        validate(contact, exclude=["idempotency_key"], validate_constraints=False)
        existing = duplicate_of(contact)
        if existing is not None and _same_request(existing, contact):
            # A sending of this same request saved it meanwhile: let create_once hand it over
            # (or refuse other content), as when the unique key refuses our insert.
            raise IntegrityError("contact_created_once")
        # This one lookup decides: asked again, it could find this request saved meanwhile.
        _refuse_duplicate(contact, existing)
        audited(contact, by).save()
        return contact

    try:
        record, _created = create_once(
            Contact,
            key=idempotency_key,
            scope={"partnership_id": organisation.partnership_id, "created_by": by},
            data={"organisation": organisation, **fields},
            create=create,
        )
    except IntegrityError:
        # Another request added the same person at the same moment: the unique constraints
        # on e-mail and name refused ours; name theirs, as if it had come first.
        probe = Contact(
            partnership_id=organisation.partnership_id,
            organisation=organisation,
            name=fields.get("name") or "",
            email=fields.get("email") or "",
        )
        _keys(probe)
        _refuse_duplicate(probe, duplicate_of(probe))
        raise
    return record


def _same_request(existing: Contact, contact: Contact) -> bool:
    return (
        contact.idempotency_key is not None
        and existing.idempotency_key == contact.idempotency_key
        and existing.created_by_id == contact.created_by_id
    )


@transaction.atomic
def contact_update(
    *,
    contact: Contact,
    by: User,
    organisation: Organisation | None = None,
    revision: int | None = None,
    **fields,
) -> Contact:
    """Correct a contact, record a renewed consent or move the retention date, from the
    `revision` the person saw (else unguarded)."""
    require(by, "directory.change_contact", contact)
    contact = Contact.objects.select_for_update().get(pk=contact.pk)
    if contact.anonymised_at is not None:
        raise Conflict("contact_anonymised", _("This contact has been anonymised."))
    if "languages" in fields:
        fields["languages"] = _check_languages(fields["languages"])
    model_update(instance=contact, fields=CONTACT_FIELDS, data=fields, revision=revision)
    if organisation is not None and organisation.pk != contact.organisation_id:
        require(by, "directory.change_organisation", organisation)
        if organisation.partnership_id != contact.partnership_id:
            raise DomainError(
                "organisation_elsewhere", _("Choose an organisation of this partnership.")
            )
        contact.organisation, contact.side_id = organisation, organisation.side_id
    _keys(contact)
    _check(contact)
    validate(contact, exclude=["idempotency_key"], validate_constraints=False)
    _refuse_duplicate(contact, duplicate_of(contact))
    audited(contact, by).save()
    return contact


def _blank(record) -> None:
    for name in PERSONAL_FIELDS:
        field = Contact._meta.get_field(name)
        if field.null:
            setattr(record, name, None)
        elif name == "languages":
            setattr(record, name, [])
        else:
            setattr(record, name, "")


@transaction.atomic
def contact_erase(*, contact: Contact, by: User) -> Contact:
    """Erase a person's data on their request or after retention (a coordinator of the
    contact's city): every personal field is blanked, in the contact and in each of its
    history rows; the record stays, marked anonymised, so counts and the history of who
    changed what and when stay intact. The erasure itself is a history row by `by`."""
    require(by, "directory.erase_contact", contact)
    contact = Contact.objects.select_for_update().get(pk=contact.pk)
    if contact.anonymised_at is not None:
        raise Conflict("contact_anonymised", _("This contact has been anonymised."))
    erase_everywhere(contact, by)  # what the domains keep about the person (personal_data)
    history = list(contact.history.all())
    for row in history:
        _blank(row)
    Contact.history.model.objects.bulk_update(history, list(PERSONAL_FIELDS))
    _blank(contact)
    contact.anonymised_at = timezone.now()
    contact._change_reason = "anonymised"
    audited(contact, by).save()
    # Pages kept until anything is written showed the person: delete them, not only renew.
    transaction.on_commit(forget_kept)
    return contact
