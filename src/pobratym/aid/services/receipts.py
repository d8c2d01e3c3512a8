"""Goods received notes: the receiving side confirms what arrived (its photos and signed scan
with it), and discrepancies are settled. What arrived is what the note confirms."""

from collections.abc import Mapping

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import get_language, get_supported_language_variant
from django.utils.translation import gettext as _

from pobratym.accounts.models import User
from pobratym.core.audit import audited
from pobratym.core.errors import Conflict, DomainError, require, validate
from pobratym.core.services import model_update
from pobratym.core.uploads import clean_upload
from pobratym.translation.services import language_of, translate_later

from ..models import (
    DEPARTED,
    GoodsReceivedNote,
    ReceiptLine,
    ReceiptPhoto,
    Shipment,
    ShipmentStatus,
)
from ._common import _written_in
from .shipments import _locked, _record_stage

RECEIPT_FIELDS = ("number", "received_on", "received_by", "note")


@transaction.atomic
def receipt_record(
    *,
    shipment: Shipment,
    by: User,
    lines: Mapping[int, Mapping],
    scan=None,
    language: str | None = None,
    **fields,
) -> GoodsReceivedNote:
    """The receiving side confirms what arrived, per shipment line: `lines` maps each
    shipment line's id to its `quantity` received, `state` and `remark`. More than shipped is
    a surplus, less is missing; both are recorded, not refused. The note and its lines are
    in the language they are written in (`language`, else detected from the note and the
    remarks, else the author's), translated for the other side after it commits. The sending
    side is told."""
    require(by, "aid.receive_shipment", shipment)
    shipment = _locked(shipment)
    if GoodsReceivedNote.objects.filter(shipment=shipment).exists():
        raise Conflict(
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
        receipt.scan = clean_upload(scan, field="scan")
    _written_in(receipt, by, language, lines.values(), line_field="remark")
    validate(receipt)
    audited(receipt, by).save()
    for line_id, values in lines.items():
        line = ReceiptLine(
            receipt=receipt, shipment_line=shipment_lines[line_id], language=receipt.language
        )
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
        # Written by the platform, in the language of the page that recorded it.
        get_supported_language_variant(get_language() or settings.LANGUAGE_CODE),
    )
    translate_later(receipt)
    transaction.on_commit(lambda: _notify_sending_side(receipt.pk))
    return receipt


def _notify_sending_side(receipt_id: int) -> None:
    from ..tasks import receipt_notify_task

    receipt_notify_task.enqueue(receipt_id)


@transaction.atomic
def receipt_photo_add(
    *, receipt: GoodsReceivedNote, by: User, upload, line: ReceiptLine | None = None
) -> ReceiptPhoto:
    """Add a photo of what arrived; re-encoded, so GPS and camera data are gone."""
    require(by, "aid.receive_shipment", receipt)
    if line is not None and line.receipt_id != receipt.pk:
        raise DomainError("other_receipt", _("This line belongs to another goods received note."))
    cleaned = clean_upload(upload, field="photo")
    if cleaned.content_type == "application/pdf":
        raise DomainError("file_type", _("Photos can only be PNG or JPEG files."), field="photo")
    photo = ReceiptPhoto(receipt=receipt, line=line, file=cleaned, uploaded_by=by)
    audited(photo, by).save()
    return photo


@transaction.atomic
def receipt_scan_set(*, receipt: GoodsReceivedNote, by: User, upload) -> GoodsReceivedNote:
    """Attach (or replace) the scan of the signed goods received note."""
    require(by, "aid.receive_shipment", receipt)
    receipt = GoodsReceivedNote.objects.select_for_update().get(pk=receipt.pk)
    receipt.scan = clean_upload(upload, field="scan")
    audited(receipt, by).save()
    return receipt


@transaction.atomic
def discrepancy_resolve(*, line: ReceiptLine, by: User, resolution: str) -> ReceiptLine:
    """Settle a missing, surplus or damaged line (replaced, written off, returned …); the
    settlement is translated for the other side after it commits. A line has one original
    language: a line without a remark takes that of its settlement (detected, else the
    author's), one with a remark keeps the remark's."""
    require(by, "aid.resolve_discrepancy", line)
    line = ReceiptLine.objects.select_for_update().select_related("shipment_line").get(pk=line.pk)
    if not is_discrepancy(line):
        raise DomainError("no_discrepancy", _("This line arrived as shipped."))
    if line.resolved_at is not None:
        raise Conflict("discrepancy_resolved", _("This discrepancy is already resolved."))
    resolution = resolution.strip()
    if not resolution:
        raise DomainError("resolution_missing", _("Say how the discrepancy was settled."))
    line.resolution = resolution
    line.resolved_by = by
    line.resolved_at = timezone.now()
    if not line.remark.strip():
        author = by.language or line.language or settings.LANGUAGE_CODE
        line.language = language_of(line, default=author)
    audited(line, by).save()
    translate_later(line)
    return line


def is_discrepancy(line: ReceiptLine) -> bool:
    return line.quantity != line.shipment_line.quantity or line.state != ReceiptLine.State.INTACT
