"""Planning and loading shipments: plan, correct, pack into numbered packages, load pledges,
and record each stage on the way.

Loading is stated, not added: `shipment_line_set` sets a pledge's quantity in a package, so a
form sent twice loads the same amount once. A shipment's goods count as shipped from the
moment it is in transit.
"""

import uuid
from collections.abc import Mapping, Sequence
from datetime import datetime
from decimal import Decimal

from django.db import transaction
from django.db.models import Max, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from pobratym.accounts.models import User
from pobratym.core import formatting
from pobratym.core.audit import audited
from pobratym.core.errors import Conflict, DomainError, require, validate
from pobratym.core.idempotency import create_once
from pobratym.core.services import model_update
from pobratym.partnerships.models import Partnership
from pobratym.translation.services import translate_later

from ..models import (
    DEPARTED,
    Package,
    Pledge,
    Shipment,
    ShipmentEvent,
    ShipmentLine,
    ShipmentStatus,
)
from ._common import _made_once, _organisation, _own_side, _written_in

SHIPMENT_FIELDS = (
    "reference",
    "carrier",
    "vehicle",
    "route",
    "planned_departure",
    "planned_arrival",
    "note",
)
PACKAGE_FIELDS = ("kind", "gross_weight", "volume", "marks")
STAGES = list(ShipmentStatus.values)
LOADING = (ShipmentStatus.PLANNED, ShipmentStatus.PACKING)


def _with_carrier(fields: Mapping, partnership: Partnership, by: User, side) -> dict:
    """`fields` with the carrier as an organisation of the directory: `carrier` chosen there
    (of either city), or the one of the sending city called `carrier_name`, added as of
    `carrier_kind` if there is none yet. Without either, the carrier stays as it is."""
    fields = dict(fields)
    name, kind = fields.pop("carrier_name", ""), fields.pop("carrier_kind", "")
    if "carrier" in fields or (name or "").strip():
        fields["carrier"] = _organisation(
            partnership=partnership,
            by=by,
            field="carrier",
            side=side,
            chosen=fields.get("carrier"),
            name=name,
            kind=kind,
            of_side=False,
        )
    return fields


def _locked(shipment: Shipment) -> Shipment:
    return Shipment.objects.select_for_update().get(pk=shipment.pk)


def _still_loading(shipment: Shipment) -> None:
    if shipment.status not in LOADING:
        raise Conflict(
            "shipment_departed", _("This shipment has left; its load can no longer change.")
        )


@transaction.atomic
def shipment_create(
    *,
    partnership: Partnership,
    by: User,
    idempotency_key: uuid.UUID,
    planned_at: datetime | None = None,
    language: str | None = None,
    **fields,
) -> Shipment:
    """Plan a shipment from the person's own side to the other side; `planned_at` records
    one planned earlier (now if not given). The carrier: `carrier` (an organisation of either
    city) or `carrier_name` (found by name in the directory or added as of `carrier_kind`)."""
    require(by, "aid.add_shipment", partnership)

    def create(stamp):
        side = _own_side(by, partnership)
        shipment = Shipment(partnership=partnership, side=side, created_by=by, **stamp)
        data = _with_carrier(fields, partnership, by, side)
        model_update(instance=shipment, fields=SHIPMENT_FIELDS, data=data)
        _written_in(shipment, by, language)
        validate(shipment, exclude=["idempotency_key"])
        audited(shipment, by).save()
        ShipmentEvent.objects.create(
            shipment=shipment,
            language=shipment.language,
            status=ShipmentStatus.PLANNED,
            occurred_at=_not_in_future(planned_at or timezone.now()),
            recorded_by=by,
        )
        translate_later(shipment)
        return shipment

    # When it was planned is a record of time, not what is asked for: a retry may differ.
    data = {"language": language, **fields}
    return _made_once(
        Shipment, partnership=partnership, by=by, key=idempotency_key, data=data, create=create
    )


@transaction.atomic
def shipment_update(
    *, shipment: Shipment, by: User, revision: int | None = None, **fields
) -> Shipment:
    """Correct carrier, vehicle, route, dates or number until the receipt is confirmed, from
    the `revision` the person saw (else unguarded)."""
    require(by, "aid.change_shipment", shipment)
    shipment = _locked(shipment)
    if shipment.status == ShipmentStatus.RECEIPT_CONFIRMED:
        raise Conflict("shipment_received", _("This shipment's receipt is already confirmed."))
    fields = _with_carrier(fields, shipment.partnership, by, shipment.side)
    model_update(instance=shipment, fields=SHIPMENT_FIELDS, data=fields, revision=revision)
    validate(shipment)
    audited(shipment, by).save()
    translate_later(shipment)
    return shipment


@transaction.atomic
def package_add(
    *,
    shipment: Shipment,
    by: User,
    idempotency_key: uuid.UUID | None = None,
    lines: Sequence[Mapping] = (),
    **fields,
) -> Package:
    """Add the next numbered pallet, box or parcel, packed with `lines` (each a `pledge` and
    the `quantity` of it to load into the package), or nothing; the same key again returns
    the package added the first time and packs nothing more."""
    require(by, "aid.change_shipment", shipment)
    shipment = _locked(shipment)
    pledges = [line["pledge"].pk for line in lines]
    if len(set(pledges)) < len(pledges):
        raise DomainError(
            "pledge_packed_twice", _("Each pledge can be packed only once into a package.")
        )

    def create(stamp):
        _still_loading(shipment)
        last = shipment.packages.aggregate(last=Max("number"))["last"] or 0
        package = Package(shipment=shipment, number=last + 1, **stamp)
        model_update(instance=package, fields=PACKAGE_FIELDS, data=fields)
        validate(package, exclude=["idempotency_key"])
        audited(package, by).save()
        for line in lines:
            shipment_line_set(
                shipment=shipment,
                by=by,
                pledge=line["pledge"],
                quantity=line["quantity"],
                package=package,
            )
        return package

    asked = {**fields, "lines": list(lines)} if lines else fields
    package, _created = create_once(
        Package, key=idempotency_key, scope={"shipment": shipment}, data=asked, create=create
    )
    return package


@transaction.atomic
def package_remove(*, package: Package, by: User) -> None:
    """Remove a package; what was in it stays loaded, loose."""
    require(by, "aid.change_shipment", package)
    _still_loading(_locked(package.shipment))
    for line in package.lines.all():
        loose = ShipmentLine.objects.filter(
            shipment=line.shipment_id, pledge=line.pledge_id, package=None
        ).first()
        if loose is None:
            line.package = None
            audited(line, by).save()
            continue
        loose.quantity += line.quantity
        audited(loose, by).save()
        audited(line, by).delete()
    audited(package, by).delete()


def _check_pledge(shipment: Shipment, pledge: Pledge) -> None:
    offer = pledge.offer_line.offer
    if offer.partnership_id != shipment.partnership_id:
        raise DomainError("other_partnership", _("This record belongs to another partnership."))
    if offer.side_id != shipment.side_id:
        raise DomainError(
            "other_side", _("Only pledges of the sending side's donors can be loaded.")
        )


@transaction.atomic
def shipment_line_set(
    *,
    shipment: Shipment,
    by: User,
    pledge: Pledge,
    quantity: Decimal,
    package: Package | None = None,
) -> ShipmentLine | None:
    """Load `quantity` of a confirmed pledge (in a package, or loose); 0 unloads it.
    The pledge is locked, so it is never loaded beyond its quantity across all shipments."""
    require(by, "aid.change_shipment", shipment)
    shipment = _locked(shipment)
    _still_loading(shipment)
    pledge = (
        Pledge.objects.select_for_update()
        .select_related("offer_line__offer__donor", "need_line")
        .get(pk=pledge.pk)
    )
    _check_pledge(shipment, pledge)
    if package is not None and package.shipment_id != shipment.pk:
        raise DomainError("other_shipment", _("This package belongs to another shipment."))
    quantity = Decimal(quantity)
    if quantity < 0:
        raise DomainError("quantity_negative", _("The quantity cannot be negative."))
    line = ShipmentLine.objects.filter(shipment=shipment, pledge=pledge, package=package).first()
    elsewhere = ShipmentLine.objects.filter(pledge=pledge).exclude(
        pk=line.pk if line else None
    ).aggregate(total=Sum("quantity"))["total"] or Decimal(0)
    available = pledge.quantity - elsewhere
    if quantity > available:
        raise DomainError(
            "more_than_pledged",
            _("Only %(quantity)s of this pledge are not yet loaded.")
            % {"quantity": formatting.quantity(available, pledge.need_line.unit)},
        )
    if quantity == 0:
        if line is not None:
            audited(line, by).delete()
        return None
    line = line or ShipmentLine(shipment=shipment, pledge=pledge, package=package)
    line.quantity = quantity
    validate(line)
    audited(line, by).save()
    return line


def _not_in_future(moment: datetime) -> datetime:
    if moment > timezone.now():
        raise DomainError("stage_in_future", _("A stage can only be recorded once it happened."))
    return moment


def _record_stage(
    shipment: Shipment, by: User, status: str, occurred_at, note: str, language: str | None
) -> None:
    if STAGES.index(status) <= STAGES.index(shipment.status):
        raise Conflict(
            "stage_recorded",
            _("This shipment is already %(status)s.")
            % {"status": ShipmentStatus(shipment.status).label},
        )
    last = shipment.events.order_by("-occurred_at").first()
    if last is not None and occurred_at < last.occurred_at:
        raise DomainError(
            "stage_before_last",
            _("A stage cannot be earlier than the one before it (%(status)s).")
            % {"status": ShipmentStatus(last.status).label},
        )
    event = ShipmentEvent(
        shipment=shipment, status=status, occurred_at=occurred_at, note=note, recorded_by=by
    )
    _written_in(event, by, language)
    validate(event)
    event.save()
    if note:
        translate_later(shipment)
    shipment.status = status
    day = timezone.localdate(occurred_at)
    if status in DEPARTED and shipment.departed_on is None:
        shipment.departed_on = day
    if status in (ShipmentStatus.DELIVERED, ShipmentStatus.RECEIPT_CONFIRMED):
        shipment.arrived_on = shipment.arrived_on or day
    audited(shipment, by).save()


@transaction.atomic
def shipment_advance(
    *,
    shipment: Shipment,
    by: User,
    status: str,
    occurred_at: datetime | None = None,
    note="",
    language: str | None = None,
) -> Shipment:
    """Record that the shipment reached a later stage (packing, in transit, at the border,
    delivered). Stages only move forward; the receipt is confirmed by `receipt_record`."""
    require(by, "aid.change_shipment", shipment)
    shipment = _locked(shipment)
    if status not in STAGES or status == ShipmentStatus.RECEIPT_CONFIRMED:
        raise DomainError("stage_unknown", _("Choose a stage of the shipment."))
    if status in DEPARTED and not shipment.lines.exists():
        raise DomainError("shipment_empty", _("Load at least one pledge before it leaves."))
    occurred_at = _not_in_future(occurred_at or timezone.now())
    _record_stage(shipment, by, status, occurred_at, note.strip(), language)
    return shipment
