"""Who may do what with aid: partnership predicates applied to needs, offers and lines.

The receiving side of a need is `need.side`; of a free offer, the side other than the donor's.
"""

import rules

from pobratym.partnerships.models import Membership, Role
from pobratym.partnerships.predicates import has_role, membership_of

from .models import (
    GoodsReceivedNote,
    Need,
    NeedLine,
    Offer,
    OfferLine,
    Package,
    Shipment,
    ShipmentLine,
)

# Partner organisations (companies, NGOs of either city) offer too; observers and signatories
# as such do not.
is_donor_role = has_role(Role.COORDINATOR, Role.STAFF, Role.PARTNER)


def _need_of(record) -> Need | None:
    if isinstance(record, Need):
        return record
    if isinstance(record, NeedLine):
        return record.need
    return None


def _receiving_side_id(record) -> int | None:
    """The side a need or offer is for, or None for records without one (a partnership)."""
    if isinstance(record, OfferLine):
        record = record.offer
    if isinstance(record, Offer):
        return record.need.side_id if record.need_id else None
    need = _need_of(record)
    return need.side_id if need is not None else None


@rules.predicate
def is_on_receiving_side(user, record) -> bool:
    membership = membership_of(user, record)
    if membership is None:
        return False
    side_id = _receiving_side_id(record)
    if side_id is not None:
        return membership.side_id == side_id
    if isinstance(record, OfferLine):
        record = record.offer
    if isinstance(record, Offer):  # a free offer is for the side that did not make it
        return membership.side_id != record.side_id
    return False


@rules.predicate
def is_public(user, record) -> bool:
    need = _need_of(record)
    return need is not None and need.public


def sees_sensitive(membership: Membership | None, need: Need) -> bool:
    """Exact address and critical-infrastructure detail: the receiving side's coordinators and
    staff, who deliver there, and the donor side's coordinators, who plan the transport.
    Staff of the donor side, partner organisations, signatories and observers do not need it.
    Selectors use this same function, so the list and the permission never disagree."""
    if membership is None:
        return False
    if membership.role == Role.COORDINATOR:
        return True
    return membership.role == Role.STAFF and membership.side_id == need.side_id


@rules.predicate
def may_see_sensitive(user, need) -> bool:
    need = _need_of(need)
    return need is not None and sees_sensitive(membership_of(user, need), need)


def _shipment_of(record):
    if isinstance(record, Shipment):
        return record
    if isinstance(record, GoodsReceivedNote | Package | ShipmentLine):
        return record.shipment
    return record.receipt.shipment  # a received line


@rules.predicate
def is_on_sending_side(user, record) -> bool:
    membership = membership_of(user, record)
    return membership is not None and membership.side_id == _shipment_of(record).side_id


@rules.predicate
def is_on_shipment_receiving_side(user, record) -> bool:
    membership = membership_of(user, record)
    return membership is not None and membership.side_id != _shipment_of(record).side_id
