"""Offering items for a need or freely, and the receiving side's decision on an offer.

Offers are created with an idempotency key chosen by the form or API client: sending the same
request again returns the record made the first time instead of a second one.
"""

import uuid
from collections.abc import Iterable, Mapping

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pobratym.accounts.models import User
from pobratym.core.audit import audited
from pobratym.core.errors import Conflict, DomainError, require, validate
from pobratym.core.services import model_update
from pobratym.directory.models import Organisation
from pobratym.partnerships.models import Partnership
from pobratym.translation.services import translate_later

from ..models import Need, Offer, OfferLine, OfferStatus
from ._common import _line, _made_once, _no_lines, _organisation, _own_side, _written_in
from .needs import _ended

OFFER_FIELDS = ("note",)
OFFER_LINE_FIELDS = (
    "item",
    "quantity",
    "unit",
    "condition",
    "estimated_value",
    "currency",
    "expires_on",
    "need_line",
)
OPEN_OFFER_STATUSES = (OfferStatus.OPEN, OfferStatus.ACCEPTED)


def _check_offer_line(line: OfferLine, need: Need | None) -> None:
    if line.need_line is None:
        return
    if need is None or line.need_line.need_id != need.pk:
        raise DomainError(
            "other_need", _("An offer line can only answer a line of the need it offers for.")
        )
    if line.unit != line.need_line.unit:
        raise DomainError("unit_mismatch", _("The unit must be the same as the need's."))


@transaction.atomic
def offer_create(
    *,
    partnership: Partnership,
    by: User,
    lines: Iterable[Mapping],
    idempotency_key: uuid.UUID,
    need: Need | None = None,
    language: str | None = None,
    donor: Organisation | None = None,
    donor_name: str = "",
    donor_kind: str = "",
    **fields,
) -> Offer:
    """Offer items for a need, or freely (`need=None`), from the person's own side, in the
    language it is written in (`language`, else detected). The donor is an organisation of
    that side in the directory: `donor`, or the one called `donor_name` (added as of
    `donor_kind` if there is none yet, in this same transaction)."""
    require(by, "aid.add_offer", partnership)
    lines = list(lines)

    def create(stamp):
        if need is not None:
            if need.partnership_id != partnership.pk:
                raise DomainError(
                    "other_partnership", _("This record belongs to another partnership.")
                )
            _ended(need)
        if not lines:
            raise _no_lines()
        side = _own_side(by, partnership)
        offer = Offer(
            partnership=partnership,
            side=side,
            need=need,
            donor=_donor(partnership, by, side, donor, donor_name, donor_kind),
            created_by=by,
            **stamp,
        )
        model_update(instance=offer, fields=OFFER_FIELDS, data=fields)
        _written_in(offer, by, language, lines)
        validate(offer, exclude=["idempotency_key"])
        audited(offer, by).save()
        for fields_of_line in lines:
            line = OfferLine(offer=offer, language=offer.language)
            model_update(instance=line, fields=OFFER_LINE_FIELDS, data=fields_of_line)
            _check_offer_line(line, need)
            _line(line, OFFER_LINE_FIELDS, {}, by)
        translate_later(offer)
        return offer

    donor_asked = {"donor": donor, "donor_name": donor_name, "donor_kind": donor_kind}
    data = {"lines": lines, "need": need, "language": language, **donor_asked, **fields}
    return _made_once(
        Offer, partnership=partnership, by=by, key=idempotency_key, data=data, create=create
    )


def _donor(partnership, by, side, chosen, name: str, kind: str) -> Organisation:
    organisation = _organisation(
        partnership=partnership,
        by=by,
        field="donor",
        side=side,
        chosen=chosen,
        name=name,
        kind=kind,
    )
    if organisation is None:
        raise DomainError(
            "donor_missing",
            _("Choose the donor from the directory or enter the name of a new one."),
            field="donor",
        )
    return organisation


def _decide(offer: Offer, by: User, status: OfferStatus) -> Offer:
    require(by, "aid.decide_offer", offer)
    offer = Offer.objects.select_for_update().get(pk=offer.pk)
    if offer.status != OfferStatus.OPEN:
        raise Conflict("offer_decided", _("This offer has already been decided."))
    offer.status = status
    offer.decided_by = by
    offer.decided_at = timezone.now()
    audited(offer, by).save()
    return offer


@transaction.atomic
def offer_accept(*, offer: Offer, by: User) -> Offer:
    """A coordinator of the receiving side accepts an offer; its lines can then be pledged."""
    return _decide(offer, by, OfferStatus.ACCEPTED)


@transaction.atomic
def offer_decline(*, offer: Offer, by: User) -> Offer:
    """A coordinator of the receiving side declines an offer; nothing of it can be pledged."""
    return _decide(offer, by, OfferStatus.DECLINED)
