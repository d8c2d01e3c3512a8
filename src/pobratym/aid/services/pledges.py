"""Confirming pledges: how much of an offer line serves a need line."""

from decimal import Decimal

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from pobratym.accounts.models import User
from pobratym.core import formatting
from pobratym.core.audit import audited
from pobratym.core.errors import Conflict, DomainError, require, validate

from ..models import NeedLine, OfferLine, OfferStatus, Pledge
from ._common import _not_positive
from .needs import _ended
from .offers import OPEN_OFFER_STATUSES


def _pledged(**filters) -> Decimal:
    return Pledge.objects.filter(**filters).aggregate(total=Sum("quantity"))["total"] or Decimal(0)


@transaction.atomic
def pledge_confirm(
    *, offer_line: OfferLine, need_line: NeedLine, quantity: Decimal, by: User
) -> Pledge:
    """A coordinator of the receiving side confirms that `quantity` of an offer line serves a
    need line. Both lines are locked first (always in this order), so two confirmations at
    once are serialised and neither line can be pledged beyond its quantity.

    Retrying is safe: an offer line is pledged to a need line at most once, so the pair is
    the pledge's key (decision 0012). The same pair and quantity again returns the pledge
    made first (`created_now` False); another quantity is a Conflict."""
    offer_line = OfferLine.objects.select_for_update().select_related("offer").get(pk=offer_line.pk)
    need_line = NeedLine.objects.select_for_update().select_related("need").get(pk=need_line.pk)
    need, offer = need_line.need, offer_line.offer
    require(by, "aid.confirm_pledge", need)
    if offer.partnership_id != need.partnership_id:
        raise DomainError("other_partnership", _("This record belongs to another partnership."))
    if earlier := Pledge.objects.filter(offer_line=offer_line, need_line=need_line).first():
        if earlier.quantity == Decimal(quantity):
            return earlier
        raise Conflict(
            "already_pledged",
            _("This offer line is already pledged to this need line: %(quantity)s.")
            % {"quantity": formatting.quantity(earlier.quantity, need_line.unit)},
        )
    _ended(need)
    if offer.status not in OPEN_OFFER_STATUSES:
        raise Conflict("offer_not_open", _("This offer was declined or withdrawn."))
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
            _("Only %(quantity)s of this offer are still available.")
            % {"quantity": formatting.quantity(available, offer_line.unit)},
            field="quantity",
        )
    outstanding = need_line.quantity - _pledged(need_line=need_line)
    if quantity > outstanding:
        raise DomainError(
            "more_than_needed",
            _("Only %(quantity)s of this need are still open.")
            % {"quantity": formatting.quantity(outstanding, need_line.unit)},
            field="quantity",
        )
    pledge = Pledge(
        offer_line=offer_line,
        need_line=need_line,
        quantity=quantity,
        confirmed_by=by,
        confirmed_at=timezone.now(),
    )
    validate(pledge)
    audited(pledge, by).save()
    pledge.created_now = True
    if offer.status == OfferStatus.OPEN:
        offer.status = OfferStatus.ACCEPTED
        offer.decided_by = by
        offer.decided_at = pledge.confirmed_at
        audited(offer, by).save()
    return pledge
