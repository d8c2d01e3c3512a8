"""Every change to shipments and goods received notes: plan, load pledges, pack, record each
stage, receive, and settle discrepancies.

Loading is stated, not added: `shipment_line_set` sets a pledge's quantity in a package, so a
form sent twice loads the same amount once. A shipment's goods count as shipped from the
moment it is in transit; what arrived is what the receiving side's note confirms.
"""

import uuid
from collections.abc import Mapping
from datetime import datetime
from decimal import Decimal

from django.db import transaction
from django.db.models import Max, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from pobratym.accounts.models import User
from pobratym.core.audit import audited
from pobratym.core.errors import DomainError, require, validate
from pobratym.core.services import model_update
from pobratym.core.uploads import clean_upload
from pobratym.partnerships.models import Partnership

from .models import (
    DEPARTED,
    GoodsReceivedNote,
    Package,
    Pledge,
    ReceiptLine,
    ReceiptPhoto,
    Shipment,
    ShipmentEvent,
    ShipmentLine,
    ShipmentStatus,
)
from .services import _created_before, _own_side, _plain, _save_once

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
RECEIPT_FIELDS = ("number", "received_on", "received_by", "note")
STAGES = list(ShipmentStatus.values)
LOADING = (ShipmentStatus.PLANNED, ShipmentStatus.PACKING)


def _locked(shipment: Shipment) -> Shipment:
    return Shipment.objects.select_for_update().get(pk=shipment.pk)


def _still_loading(shipment: Shipment) -> None:
    if shipment.status not in LOADING:
        raise DomainError(
            "shipment_departed", _("This shipment has left; its load can no longer change.")
        )


@transaction.atomic
def shipment_create(
    *,
    partnership: Partnership,
    by: User,
    idempotency_key: uuid.UUID,
    planned_at: datetime | None = None,
    **fields,
) -> Shipment:
    """Plan a shipment from the person's own side to the other side; `planned_at` records
    one planned earlier (now if not given)."""
    require(by, "aid.add_shipment", partnership)
    if earlier := _created_before(Shipment, partnership, by, idempotency_key):
        return earlier
    shipment = Shipment(
        partnership=partnership,
        side=_own_side(by, partnership),
        created_by=by,
        idempotency_key=idempotency_key,
    )
    model_update(instance=shipment, fields=SHIPMENT_FIELDS, data=fields)
    validate(shipment, exclude=["idempotency_key"])
    shipment, created = _save_once(shipment, Shipment, by)
    if not created:
        return shipment
    ShipmentEvent.objects.create(
        shipment=shipment,
        status=ShipmentStatus.PLANNED,
        occurred_at=_not_in_future(planned_at or timezone.now()),
        recorded_by=by,
    )
    return shipment


@transaction.atomic
def shipment_update(*, shipment: Shipment, by: User, **fields) -> Shipment:
    """Correct carrier, vehicle, route, dates or number until the receipt is confirmed."""
    require(by, "aid.change_shipment", shipment)
    shipment = _locked(shipment)
    if shipment.status == ShipmentStatus.RECEIPT_CONFIRMED:
        raise DomainError("shipment_received", _("This shipment's receipt is already confirmed."))
    model_update(instance=shipment, fields=SHIPMENT_FIELDS, data=fields)
    validate(shipment)
    audited(shipment, by).save()
    return shipment


@transaction.atomic
def package_add(
    *, shipment: Shipment, by: User, idempotency_key: uuid.UUID | None = None, **fields
) -> Package:
    """Add the next numbered pallet, box or parcel; the same key again returns the package
    added the first time."""
    require(by, "aid.change_shipment", shipment)
    shipment = _locked(shipment)
    if idempotency_key and (
        earlier := shipment.packages.filter(idempotency_key=idempotency_key).first()
    ):
        return earlier
    _still_loading(shipment)
    last = shipment.packages.aggregate(last=Max("number"))["last"] or 0
    package = Package(shipment=shipment, number=last + 1, idempotency_key=idempotency_key)
    model_update(instance=package, fields=PACKAGE_FIELDS, data=fields)
    validate(package)
    audited(package, by).save()
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
        .select_related("offer_line__offer", "need_line")
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
            _("Only %(quantity)s %(unit)s of this pledge are not yet loaded.")
            % {"quantity": _plain(available), "unit": pledge.need_line.get_unit_display()},
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


def _record_stage(shipment: Shipment, by: User, status: str, occurred_at, note: str) -> None:
    if STAGES.index(status) <= STAGES.index(shipment.status):
        raise DomainError(
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
    validate(event)
    event.save()
    shipment.status = status
    day = timezone.localdate(occurred_at)
    if status in DEPARTED and shipment.departed_on is None:
        shipment.departed_on = day
    if status in (ShipmentStatus.DELIVERED, ShipmentStatus.RECEIPT_CONFIRMED):
        shipment.arrived_on = shipment.arrived_on or day
    audited(shipment, by).save()


@transaction.atomic
def shipment_advance(
    *, shipment: Shipment, by: User, status: str, occurred_at: datetime | None = None, note=""
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
    _record_stage(shipment, by, status, occurred_at, note.strip())
    return shipment


@transaction.atomic
def receipt_record(
    *,
    shipment: Shipment,
    by: User,
    lines: Mapping[int, Mapping],
    scan=None,
    **fields,
) -> GoodsReceivedNote:
    """The receiving side confirms what arrived, per shipment line: `lines` maps each
    shipment line's id to its `quantity` received, `state` and `remark`. More than shipped is
    a surplus, less is missing; both are recorded, not refused. The sending side is told."""
    require(by, "aid.receive_shipment", shipment)
    shipment = _locked(shipment)
    if GoodsReceivedNote.objects.filter(shipment=shipment).exists():
        raise DomainError(
            "receipt_recorded", _("A goods received note for this shipment is already recorded.")
        )
    if shipment.status not in DEPARTED:
        raise DomainError("shipment_not_departed", _("This shipment has not left yet."))
    shipment_lines = {line.pk: line for line in shipment.lines.all()}
    if set(lines) != set(shipment_lines):
        raise DomainError("receipt_lines", _("State for every line of the shipment what arrived."))
    receipt = GoodsReceivedNote(shipment=shipment, recorded_by=by)
    model_update(instance=receipt, fields=RECEIPT_FIELDS, data=fields)
    if receipt.received_on and receipt.received_on > timezone.localdate():
        raise DomainError("received_in_future", _("The date of receipt cannot be in the future."))
    if scan is not None:
        receipt.scan = clean_upload(scan)
    validate(receipt)
    audited(receipt, by).save()
    for line_id, values in lines.items():
        line = ReceiptLine(receipt=receipt, shipment_line=shipment_lines[line_id])
        model_update(instance=line, fields=("quantity", "state", "remark"), data=values)
        if line.quantity is None or line.quantity < 0:
            raise DomainError("quantity_negative", _("The quantity cannot be negative."))
        validate(line)
        audited(line, by).save()
    _record_stage(
        shipment,
        by,
        ShipmentStatus.RECEIPT_CONFIRMED,
        timezone.now(),
        _("Goods received note %(number)s") % {"number": receipt.number},
    )
    transaction.on_commit(lambda: _notify_sending_side(receipt.pk))
    return receipt


def _notify_sending_side(receipt_id: int) -> None:
    from .tasks import receipt_notify_task

    receipt_notify_task.enqueue(receipt_id)


@transaction.atomic
def receipt_photo_add(
    *, receipt: GoodsReceivedNote, by: User, upload, line: ReceiptLine | None = None
) -> ReceiptPhoto:
    """Add a photo of what arrived; re-encoded, so GPS and camera data are gone."""
    require(by, "aid.receive_shipment", receipt)
    if line is not None and line.receipt_id != receipt.pk:
        raise DomainError("other_receipt", _("This line belongs to another goods received note."))
    cleaned = clean_upload(upload)
    if cleaned.content_type == "application/pdf":
        raise DomainError("file_type", _("Photos can only be PNG or JPEG files."))
    photo = ReceiptPhoto(receipt=receipt, line=line, file=cleaned, uploaded_by=by)
    audited(photo, by).save()
    return photo


@transaction.atomic
def receipt_scan_set(*, receipt: GoodsReceivedNote, by: User, upload) -> GoodsReceivedNote:
    """Attach (or replace) the scan of the signed goods received note."""
    require(by, "aid.receive_shipment", receipt)
    receipt = GoodsReceivedNote.objects.select_for_update().get(pk=receipt.pk)
    receipt.scan = clean_upload(upload)
    audited(receipt, by).save()
    return receipt


@transaction.atomic
def discrepancy_resolve(*, line: ReceiptLine, by: User, resolution: str) -> ReceiptLine:
    """Settle a missing, surplus or damaged line (replaced, written off, returned …)."""
    require(by, "aid.resolve_discrepancy", line)
    line = ReceiptLine.objects.select_for_update().select_related("shipment_line").get(pk=line.pk)
    if not is_discrepancy(line):
        raise DomainError("no_discrepancy", _("This line arrived as shipped."))
    if line.resolved_at is not None:
        raise DomainError("discrepancy_resolved", _("This discrepancy is already resolved."))
    resolution = resolution.strip()
    if not resolution:
        raise DomainError("resolution_missing", _("Say how the discrepancy was settled."))
    line.resolution = resolution
    line.resolved_by = by
    line.resolved_at = timezone.now()
    audited(line, by).save()
    return line


def is_discrepancy(line: ReceiptLine) -> bool:
    return line.quantity != line.shipment_line.quantity or line.state != ReceiptLine.State.INTACT
