"""Posting needs and deciding their fate: create, correct, publish, close, cancel.

Needs are created with an idempotency key chosen by the form or API client: sending the same
request again returns the record made the first time instead of a second one.
"""

import uuid
from collections.abc import Iterable, Mapping

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pobratym.accounts.models import User
from pobratym.core.audit import audited
from pobratym.core.errors import Conflict, require, validate
from pobratym.core.services import model_update
from pobratym.partnerships.models import Partnership
from pobratym.translation.services import translate_later

from ..models import Closure, Need, NeedLine
from ._common import _line, _made_once, _no_lines, _own_side, _written_in

NEED_FIELDS = (
    "kind",
    "sector",
    "title",
    "description",
    "priority",
    "institution",
    "institution_type",
    "area",
    "address",
    "critical_infrastructure",
    "needed_by",
)
NEED_LINE_FIELDS = ("item", "specification", "quantity", "unit")


def _ended(need: Need) -> None:
    if need.closure:
        raise Conflict("need_ended", _("This need is closed or cancelled."))


def _locked_need(need: Need) -> Need:
    return Need.objects.select_for_update().get(pk=need.pk)


@transaction.atomic
def need_create(
    *,
    partnership: Partnership,
    by: User,
    lines: Iterable[Mapping],
    idempotency_key: uuid.UUID,
    language: str | None = None,
    **fields,
) -> Need:
    """Post a need for the person's own side with its item lines (coordinators and staff),
    in the language it is written in (`language`, else detected); the other languages follow
    from the task worker."""
    require(by, "aid.add_need", partnership)
    lines = list(lines)

    def create(stamp):
        if not lines:
            raise _no_lines()
        need = Need(
            partnership=partnership,
            side=_own_side(by, partnership),
            created_by=by,
            **stamp,
        )
        model_update(instance=need, fields=NEED_FIELDS, data=fields)
        _written_in(need, by, language, lines)
        validate(need, exclude=["idempotency_key"], validate_constraints=False)
        audited(need, by).save()
        for line in lines:
            _line(NeedLine(need=need, language=need.language), NEED_LINE_FIELDS, line, by)
        translate_later(need)
        return need

    data = {"lines": lines, "language": language, **fields}
    return _made_once(
        Need, partnership=partnership, by=by, key=idempotency_key, data=data, create=create
    )


@transaction.atomic
def need_update(*, need: Need, by: User, revision: int | None = None, **fields) -> Need:
    """Correct a need's description, from the `revision` the person saw (else unguarded);
    lines keep their pledges and change through their own workflow later. `public` changes
    only through `need_publish`."""
    require(by, "aid.change_need", need)
    need = _locked_need(need)
    _ended(need)
    model_update(instance=need, fields=NEED_FIELDS, data=fields, revision=revision)
    validate(need)
    audited(need, by).save()
    translate_later(need)
    return need


@transaction.atomic
def need_publish(*, need: Need, by: User, public: bool) -> Need:
    """A coordinator of the receiving side shows the need to the public (and open data), or
    withdraws it from there."""
    require(by, "aid.publish_need", need)
    need = _locked_need(need)
    need.public = public
    audited(need, by).save()
    return need


def _end(need: Need, by: User, closure: Closure) -> Need:
    require(by, "aid.change_need", need)
    need = _locked_need(need)
    _ended(need)
    need.closure = closure
    need.closed_at = timezone.now()
    audited(need, by).save()
    return need


@transaction.atomic
def need_close(*, need: Need, by: User) -> Need:
    """The receiving side ends a need as served (or no longer pursued after partial help)."""
    return _end(need, by, Closure.CLOSED)


@transaction.atomic
def need_cancel(*, need: Need, by: User) -> Need:
    """The receiving side withdraws a need; pledges already made stay on record."""
    return _end(need, by, Closure.CANCELLED)
