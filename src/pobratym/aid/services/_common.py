"""What the aid services share: the person's own side, records made once per idempotency key,
item lines checked and saved alike, donors and carriers from the directory, and quantities
written plainly in messages."""

from collections.abc import Iterable, Mapping
from decimal import Decimal

from django.conf import settings
from django.utils.translation import gettext as _

from pobratym.accounts.models import User
from pobratym.core.audit import audited
from pobratym.core.errors import DomainError, validate
from pobratym.core.idempotency import create_once
from pobratym.core.services import model_update
from pobratym.directory.models import Organisation
from pobratym.directory.services import organisation_named
from pobratym.partnerships.models import Partnership, Side
from pobratym.partnerships.predicates import membership_of
from pobratym.translation.services import language_of

from ..models import item_key_of


def _own_side(by: User, partnership: Partnership) -> Side:
    membership = membership_of(by, partnership)
    if membership is None:
        raise DomainError("not_member", _("Only members of the partnership can do this."))
    return membership.side


def _organisation(
    *,
    partnership: Partnership,
    by: User,
    field: str,
    side: Side,
    chosen: Organisation | None = None,
    name: str = "",
    kind: str = "",
    of_side: bool = True,
) -> Organisation | None:
    """A donor or carrier (`field`): `chosen` from the directory, of this partnership (and of
    `side` if `of_side`), else the organisation of `side` called `name`, found by its name or
    added to the directory as of `kind`; None when neither is given. Errors name the form's
    fields `field`, `<field>_name` and `<field>_kind`."""
    if chosen is not None:
        if chosen.partnership_id != partnership.pk:
            raise DomainError(
                f"{field}_elsewhere",
                _("Choose an organisation of this partnership."),
                field=field,
            )
        if of_side and chosen.side_id != side.pk:
            raise DomainError(
                f"{field}_other_side",
                _("Choose an organisation of the city %(city)s.") % {"city": side.city.name},
                field=field,
            )
        return chosen
    if not (name or "").strip():
        return None
    try:
        return organisation_named(partnership=partnership, side=side, name=name, kind=kind, by=by)
    except DomainError as error:
        if error.field in ("name", "kind"):
            error.field = f"{field}_{error.field}"
        raise


def _no_lines() -> DomainError:
    return DomainError("no_lines", _("Add at least one item line."))


def _not_positive() -> DomainError:
    return DomainError("quantity_not_positive", _("The quantity must be greater than zero."))


def _line(record, allowed, fields: Mapping, by: User):
    model_update(instance=record, fields=allowed, data=fields)
    record.item_key = item_key_of(record.item or "")
    if record.quantity is not None and Decimal(record.quantity) <= 0:
        raise _not_positive()
    if (getattr(record, "estimated_value", None) or 0) < 0:
        raise DomainError("value_negative", _("The estimated value cannot be negative."))
    # Choices are checked field by field; the database holds the check constraints too.
    # Checking them here would cost one query each, for every line of a large import.
    validate(audited(record, by), validate_constraints=False)
    record.save()
    return record


def _made_once(model, *, partnership: Partnership, by: User, key, data: Mapping, create):
    """`create(stamp)`, once per person and key in the partnership (core.idempotency)."""
    record, _created = create_once(
        model,
        key=key,
        scope={"partnership": partnership, "created_by": by},
        data=data,
        create=create,
    )
    return record


def _written_in(
    record,
    by: User,
    language: str | None,
    lines: Iterable[Mapping] = (),
    line_field: str = "item",
) -> None:
    """The language the record is written in: given, else detected from its texts and its
    lines' `line_field` (their items; a goods received note's: their remarks), else the
    author's."""
    texts = [str(line.get(line_field) or "") for line in lines]
    record.language = language_of(
        record, given=language, default=by.language or settings.LANGUAGE_CODE, also=texts
    )


def _plain(quantity: Decimal) -> str:
    """10.500 as "10.5" and 10.000 as "10", never "1E+1"."""
    return format(quantity.normalize(), "f")
