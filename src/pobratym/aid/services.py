"""Every change to aid records: needs, offers, their decisions, and pledges.

Needs and offers are created with an idempotency key chosen by the form or API client: sending
the same request again returns the record made the first time instead of a second one.
"""

import uuid
from collections.abc import Iterable, Mapping
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from pobratym.accounts.models import User
from pobratym.core.audit import audited
from pobratym.core.errors import DomainError, require, validate
from pobratym.core.services import model_update
from pobratym.partnerships.models import Partnership, Side
from pobratym.partnerships.predicates import membership_of

from .models import (
    Closure,
    Need,
    NeedLine,
    Offer,
    OfferLine,
    OfferStatus,
    Pledge,
    item_key_of,
)

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
OFFER_FIELDS = ("donor", "donor_type", "note")
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


def _own_side(by: User, partnership: Partnership) -> Side:
    membership = membership_of(by, partnership)
    if membership is None:
        raise DomainError("not_member", _("Only members of the partnership can do this."))
    return membership.side


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


def _created_before(model, partnership: Partnership, by: User, key: uuid.UUID):
    return model.objects.filter(partnership=partnership, created_by=by, idempotency_key=key).first()


def _save_once(record, model, by: User):
    """Save a new record; if a request with the same key won the race, return its record."""
    try:
        with transaction.atomic():
            audited(record, by).save()
    except IntegrityError:
        earlier = _created_before(model, record.partnership, by, record.idempotency_key)
        if earlier is None:
            raise
        return earlier, False
    return record, True


def _ended(need: Need) -> None:
    if need.closure:
        raise DomainError("need_ended", _("This need is closed or cancelled."))


def _locked_need(need: Need) -> Need:
    return Need.objects.select_for_update().get(pk=need.pk)


@transaction.atomic
def need_create(
    *,
    partnership: Partnership,
    by: User,
    lines: Iterable[Mapping],
    idempotency_key: uuid.UUID,
    **fields,
) -> Need:
    """Post a need for the person's own side with its item lines (coordinators and staff)."""
    require(by, "aid.add_need", partnership)
    if earlier := _created_before(Need, partnership, by, idempotency_key):
        return earlier
    lines = list(lines)
    if not lines:
        raise _no_lines()
    need = Need(
        partnership=partnership,
        side=_own_side(by, partnership),
        created_by=by,
        idempotency_key=idempotency_key,
    )
    model_update(instance=need, fields=NEED_FIELDS, data=fields)
    validate(need, exclude=["idempotency_key"], validate_constraints=False)
    need, created = _save_once(need, Need, by)
    if created:
        for line in lines:
            _line(NeedLine(need=need), NEED_LINE_FIELDS, line, by)
    return need


@transaction.atomic
def need_update(*, need: Need, by: User, **fields) -> Need:
    """Correct a need's description; lines keep their pledges and change through their own
    workflow later. `public` changes only through `need_publish`."""
    require(by, "aid.change_need", need)
    need = _locked_need(need)
    _ended(need)
    model_update(instance=need, fields=NEED_FIELDS, data=fields)
    validate(need)
    audited(need, by).save()
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
    **fields,
) -> Offer:
    """Offer items for a need, or freely (`need=None`), from the person's own side."""
    require(by, "aid.add_offer", partnership)
    if earlier := _created_before(Offer, partnership, by, idempotency_key):
        return earlier
    if need is not None:
        if need.partnership_id != partnership.pk:
            raise DomainError("other_partnership", _("This record belongs to another partnership."))
        _ended(need)
    lines = list(lines)
    if not lines:
        raise _no_lines()
    offer = Offer(
        partnership=partnership,
        side=_own_side(by, partnership),
        need=need,
        created_by=by,
        idempotency_key=idempotency_key,
    )
    model_update(instance=offer, fields=OFFER_FIELDS, data=fields)
    validate(offer, exclude=["idempotency_key"])
    offer, created = _save_once(offer, Offer, by)
    if created:
        for fields_of_line in lines:
            line = OfferLine(offer=offer)
            model_update(instance=line, fields=OFFER_LINE_FIELDS, data=fields_of_line)
            _check_offer_line(line, need)
            _line(line, OFFER_LINE_FIELDS, {}, by)
    return offer


def _decide(offer: Offer, by: User, status: OfferStatus) -> Offer:
    require(by, "aid.decide_offer", offer)
    offer = Offer.objects.select_for_update().get(pk=offer.pk)
    if offer.status != OfferStatus.OPEN:
        raise DomainError("offer_decided", _("This offer has already been decided."))
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


def _pledged(**filters) -> Decimal:
    return Pledge.objects.filter(**filters).aggregate(total=Sum("quantity"))["total"] or Decimal(0)


def _plain(quantity: Decimal) -> str:
    """10.500 as "10.5" and 10.000 as "10", never "1E+1"."""
    return format(quantity.normalize(), "f")


@transaction.atomic
def pledge_confirm(
    *, offer_line: OfferLine, need_line: NeedLine, quantity: Decimal, by: User
) -> Pledge:
    """A coordinator of the receiving side confirms that `quantity` of an offer line serves a
    need line. Both lines are locked first (always in this order), so two confirmations at
    once are serialised and neither line can be pledged beyond its quantity."""
    offer_line = OfferLine.objects.select_for_update().select_related("offer").get(pk=offer_line.pk)
    need_line = NeedLine.objects.select_for_update().select_related("need").get(pk=need_line.pk)
    need, offer = need_line.need, offer_line.offer
    require(by, "aid.confirm_pledge", need)
    if offer.partnership_id != need.partnership_id:
        raise DomainError("other_partnership", _("This record belongs to another partnership."))
    _ended(need)
    if offer.status not in OPEN_OFFER_STATUSES:
        raise DomainError("offer_not_open", _("This offer was declined or withdrawn."))
    if offer.status == OfferStatus.OPEN:
        # The pledge accepts the offer: only someone who may decide the offer may do that.
        require(by, "aid.decide_offer", offer)
    if offer.need_id is not None and offer.need_id != need.pk:
        raise DomainError("other_need", _("This offer was made for another need."))
    if offer_line.unit != need_line.unit:
        raise DomainError("unit_mismatch", _("The unit must be the same as the need's."))
    quantity = Decimal(quantity)
    if quantity <= 0:
        raise _not_positive()
    available = offer_line.quantity - _pledged(offer_line=offer_line)
    if quantity > available:
        raise DomainError(
            "more_than_offered",
            _("Only %(quantity)s %(unit)s of this offer are still available.")
            % {"quantity": _plain(available), "unit": offer_line.get_unit_display()},
        )
    outstanding = need_line.quantity - _pledged(need_line=need_line)
    if quantity > outstanding:
        raise DomainError(
            "more_than_needed",
            _("Only %(quantity)s %(unit)s of this need are still open.")
            % {"quantity": _plain(outstanding), "unit": need_line.get_unit_display()},
        )
    if Pledge.objects.filter(offer_line=offer_line, need_line=need_line).exists():
        raise DomainError("already_pledged", _("This offer line is already pledged to this need."))
    pledge = Pledge(
        offer_line=offer_line,
        need_line=need_line,
        quantity=quantity,
        confirmed_by=by,
        confirmed_at=timezone.now(),
    )
    validate(pledge)
    audited(pledge, by).save()
    if offer.status == OfferStatus.OPEN:
        offer.status = OfferStatus.ACCEPTED
        offer.decided_by = by
        offer.decided_at = pledge.confirmed_at
        audited(offer, by).save()
    return pledge
