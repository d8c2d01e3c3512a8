"""Two contacts that are one person, merged: the values a person picks field by field are
kept in one of them, every record that points at the other (in any domain, found through
`Contact._meta`, since the directory names none) is moved to it, and the other is removed.

Where a record may exist once per contact (one participation per event and contact, one
invitation), the survivor's own is kept and the other's removed. The removed contact's change
history keeps who changed it when, but not its personal data: what was kept lives on in the
survivor, and what was not kept was dropped on purpose (as an erasure does, decision 0017).
"""

from collections.abc import Mapping
from dataclasses import dataclass

from django.db import models, transaction
from django.db.models import ProtectedError
from django.utils.translation import gettext as _
from simple_history.models import HistoricalChanges

from pobratym.accounts.models import User
from pobratym.core.audit import audited
from pobratym.core.errors import Conflict, DomainError, require, validate
from pobratym.core.services import model_update

from .models import PERSONAL_FIELDS, Contact
from .services import CONTACT_FIELDS, _blank, _check, _keys, _refuse_duplicate, duplicate_of

MERGED_FIELDS = ("organisation", *CONTACT_FIELDS)
KEEP, TAKE = "kept", "other"  # a field's value from the contact kept, or from the other


@dataclass(frozen=True)
class Merged:
    contact: Contact
    moved: int  # records that pointed at the other contact and now point at the survivor
    dropped: int  # the other's records the survivor already had (one per event and contact)


def _pointing_fields():
    """Every foreign key of any model to Contact, hidden ones and many-to-many tables
    included; the history of other models is left as it was written."""
    for relation in Contact._meta.get_fields(include_hidden=True):
        if not relation.auto_created or relation.concrete or relation.many_to_many:
            continue
        if issubclass(relation.related_model, HistoricalChanges):
            continue
        yield relation.related_model, relation.field


def _unique_together(model, field) -> list[tuple[list[str], models.Q | None]]:
    """The sets of fields, with `field`, that a row of `model` holds once (and when)."""
    sets = [([], None)] if field.unique else []
    for constraint in model._meta.constraints:
        if isinstance(constraint, models.UniqueConstraint) and field.name in constraint.fields:
            others = [name for name in constraint.fields if name != field.name]
            sets.append((others, constraint.condition))
    for names in model._meta.unique_together:
        if field.name in names:
            sets.append(([name for name in names if name != field.name], None))
    return sets


def _already_there(model, field, row, survivor: Contact) -> bool:
    for others, condition in _unique_together(model, field):
        same = model._base_manager.filter(
            **{field.name: survivor}, **{name: getattr(row, name) for name in others}
        )
        if condition is not None:
            if not model._base_manager.filter(condition, pk=row.pk).exists():
                continue
            same = same.filter(condition)
        if same.exists():
            return True
    return False


def _move_records(other: Contact, survivor: Contact, by: User) -> tuple[int, int]:
    moved = dropped = 0
    for model, field in _pointing_fields():
        for row in model._base_manager.filter(**{field.name: other}).order_by("pk"):
            if _already_there(model, field, row, survivor):
                audited(row, by).delete()
                dropped += 1
            else:
                setattr(row, field.name, survivor)
                audited(row, by).save(update_fields=[field.attname])
                moved += 1
    return moved, dropped


def _lock(contact: Contact, other: Contact) -> tuple[Contact, Contact]:
    """Both rows, locked in the order of their ids so two merges cannot wait on each other."""
    rows = Contact.objects.select_for_update().filter(pk__in=[contact.pk, other.pk])
    found = {row.pk: row for row in rows.order_by("pk")}
    if len(found) != 2:
        raise Conflict("contact_gone", _("One of the two contacts is no longer in the directory."))
    return found[contact.pk], found[other.pk]


def _chosen(contact: Contact, other: Contact, keep: Mapping[str, str]) -> dict:
    unknown = set(keep) - set(MERGED_FIELDS)
    if unknown or set(keep.values()) - {KEEP, TAKE}:
        raise TypeError(f"Not a choice of a merge: {keep}")
    return {
        name: getattr(other if keep.get(name) == TAKE else contact, name) for name in MERGED_FIELDS
    }


@transaction.atomic
def contact_merge(
    *,
    contact: Contact,
    other: Contact,
    by: User,
    keep: Mapping[str, str],
    revision: int | None = None,
    other_revision: int | None = None,
) -> Merged:
    """Merge `other` into `contact` (two contacts of the person's own city): each field of
    `keep` says whose value stays (KEEP or TAKE, the contact's where none is given); from the
    revisions the person saw of both (else unguarded), refused as stale if either changed."""
    for record in (contact, other):
        require(by, "directory.merge_contact", record)
    if contact.pk == other.pk or contact.partnership_id != other.partnership_id:
        raise DomainError("merge_same", _("Choose another contact of this partnership."))
    contact, other = _lock(contact, other)
    if contact.anonymised or other.anonymised:
        raise Conflict("contact_anonymised", _("This contact has been anonymised."))
    values = _chosen(contact, other, keep)
    organisation = values.pop("organisation")
    require(by, "directory.change_organisation", organisation)
    # Both must be as the person saw them; the other's revision moves on like an edit.
    model_update(instance=other, fields=(), data={}, revision=other_revision)
    model_update(instance=contact, fields=CONTACT_FIELDS, data=values, revision=revision)
    contact.organisation, contact.side_id = organisation, organisation.side_id
    _keys(contact)
    _check(contact)
    moved, dropped = _move_records(other, contact, by)
    other_id = other.pk
    other._change_reason = f"merged into contact {contact.pk}"
    try:
        audited(other, by).delete()
    except ProtectedError as error:
        raise Conflict(
            "contact_in_use", _("The other contact is still in use and cannot be removed.")
        ) from error
    _forget(other_id)
    validate(contact, exclude=["idempotency_key"], validate_constraints=False)
    _refuse_duplicate(contact, duplicate_of(contact))
    contact._change_reason = f"merged with contact {other_id}"
    audited(contact, by).save()
    return Merged(contact=contact, moved=moved, dropped=dropped)


def _forget(contact_id: int) -> None:
    """Blank the personal fields of a removed contact's history rows."""
    history = list(Contact.history.model.objects.filter(id=contact_id))
    for row in history:
        _blank(row)
    Contact.history.model.objects.bulk_update(history, list(PERSONAL_FIELDS))
