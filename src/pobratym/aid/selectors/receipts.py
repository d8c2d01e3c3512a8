"""Goods received notes and their discrepancies, as the receipt pages and the e-mail to the
sending side show them."""

from django.db.models import (
    F,
    Q,
    QuerySet,
)
from django.db.models.query import ModelIterable
from django.http import Http404
from django.utils.translation import pgettext_lazy

from pobratym.partnerships.models import Partnership
from pobratym.partnerships.predicates import membership_of
from pobratym.translation.selectors import reader_translations

from ..models import (
    ArrivalState,
    GoodsReceivedNote,
    ReceiptLine,
    ReceiptPhoto,
    Shipment,
)

DISCREPANCY_KINDS = {
    "missing": pgettext_lazy("discrepancy", "missing"),
    "surplus": pgettext_lazy("discrepancy", "surplus"),
    "damaged": pgettext_lazy("discrepancy", "damaged"),
    "unusable": pgettext_lazy("discrepancy", "unusable"),
}
# Each received line traces back through these to its pledge, donor and need.
_TRACE = (
    "shipment_line__package",
    "shipment_line__pledge__offer_line__offer__donor",
    "shipment_line__pledge__need_line__need",
)
# What the pages show of that trace, in the reader's language: the item offered, and the
# need's title and item.
_TRACE_SHOWN = (
    "shipment_line__pledge__offer_line",
    "shipment_line__pledge__need_line",
    "shipment_line__pledge__need_line__need",
)


def _in_readers_language(lines: QuerySet, *paths: str) -> QuerySet:
    """Received lines with their own translations and those of the records at `paths`."""
    return lines.prefetch_related(
        reader_translations(), *(reader_translations(path) for path in paths)
    )


def _discrepant() -> Q:
    return ~Q(quantity=F("shipment_line__quantity")) | ~Q(state=ArrivalState.INTACT)


def described(line: ReceiptLine) -> ReceiptLine:
    """Give a received line (with its shipment line loaded) `shipped`, `received`,
    `difference` (received minus shipped), all without trailing zeros for display;
    `kinds` (codes of DISCREPANCY_KINDS, none when it arrived as shipped) with `kind_labels`,
    and `open` (a discrepancy not yet resolved)."""
    line.shipped = line.shipment_line.quantity.normalize()
    line.received = line.quantity.normalize()
    line.difference = (line.quantity - line.shipment_line.quantity).normalize()
    line.kinds = []
    if line.difference < 0:
        line.kinds.append("missing")
    elif line.difference > 0:
        line.kinds.append("surplus")
    if line.state != ArrivalState.INTACT:
        line.kinds.append(line.state)
    line.kind_labels = [DISCREPANCY_KINDS[kind] for kind in line.kinds]
    line.open = bool(line.kinds) and line.resolved_at is None
    return line


class _Described(ModelIterable):
    def __iter__(self):
        for line in super().__iter__():
            yield described(line)


def _member_or_404(viewer, partnership: Partnership) -> None:
    if membership_of(viewer, partnership) is None:
        raise Http404


def receipt_shipment(*, viewer, partnership: Partnership, shipment_id: int) -> Shipment:
    """A shipment of the partnership for the goods received note form, with `line_rows`
    (each with its pledge, offer and need line, and `shipped` for display; the items offered
    with their translations into the reader's language) and `existing_receipt` (or None);
    404 for people outside the partnership and for another partnership's shipment."""
    _member_or_404(viewer, partnership)
    shipment = (
        Shipment.objects.filter(partnership=partnership, pk=shipment_id)
        .select_related("side__city")
        .first()
    )
    if shipment is None:
        raise Http404
    shipment.line_rows = list(
        shipment.lines.select_related(
            "package", "pledge__offer_line__offer__donor", "pledge__need_line__need"
        )
        .prefetch_related(reader_translations("pledge__offer_line"))
        .order_by("pk")
    )
    for line in shipment.line_rows:
        line.shipped = line.quantity.normalize()
    shipment.existing_receipt = GoodsReceivedNote.objects.filter(shipment=shipment).first()
    return shipment


def _receipt_rows(receipt: GoodsReceivedNote) -> GoodsReceivedNote:
    lines = _in_readers_language(
        ReceiptLine.objects.filter(receipt=receipt)
        .select_related(*_TRACE, "resolved_by")
        .order_by("pk"),
        *_TRACE_SHOWN,
    )
    receipt.line_rows = []
    for line in lines:
        line.receipt = receipt  # so permission checks on a line ask no more queries
        receipt.line_rows.append(described(line))
    rows = {line.pk: line for line in receipt.line_rows}
    receipt.photo_list = list(ReceiptPhoto.objects.filter(receipt=receipt).order_by("pk"))
    for photo in receipt.photo_list:
        photo.shown_line = rows.get(photo.line_id)
    return receipt


def receipt_detail(*, viewer, partnership: Partnership, shipment_id: int) -> GoodsReceivedNote:
    """A shipment's goods received note with `line_rows` (see `described`; each with its
    shipment line, package, pledge, offer line, offer, need line, need and who resolved it)
    and `photo_list` (each with `shown_line`, the row it shows, or None); the note, its
    lines and what they trace to with their translations into the reader's language; 404
    for people outside the partnership or when there is no note.
    Nothing sensitive of the need (address, critical infrastructure) is meant for display."""
    _member_or_404(viewer, partnership)
    receipt = (
        GoodsReceivedNote.objects.filter(shipment__partnership=partnership, shipment=shipment_id)
        .select_related("shipment__side__city", "recorded_by")
        .prefetch_related(reader_translations())
        .first()
    )
    if receipt is None:
        raise Http404
    return _receipt_rows(receipt)


def receipt_notice(*, receipt_id: int) -> GoodsReceivedNote | None:
    """A goods received note as `receipt_detail` gives it, unscoped: for the e-mail to the
    sending side's office, who may see its shipment."""
    receipt = (
        GoodsReceivedNote.objects.filter(pk=receipt_id)
        .select_related("shipment__partnership", "shipment__side__city")
        .first()
    )
    return _receipt_rows(receipt) if receipt else None


def receipt_photo_get(*, receipt: GoodsReceivedNote, photo_id: int) -> ReceiptPhoto:
    """A photo of this note (found through `receipt_detail`, so already scoped); 404 else."""
    photo = ReceiptPhoto.objects.filter(receipt=receipt, pk=photo_id).first()
    if photo is None:
        raise Http404
    return photo


def discrepancy_list(*, viewer, partnership: Partnership) -> QuerySet:
    """The partnership's received lines whose discrepancy is not yet resolved, oldest note
    first, each `described` and with its note, shipment and trace loaded, the remarks and
    items offered with their translations into the reader's language; members only."""
    if membership_of(viewer, partnership) is None:
        return ReceiptLine.objects.none()
    lines = _in_readers_language(
        ReceiptLine.objects.filter(
            receipt__shipment__partnership=partnership, resolved_at__isnull=True
        )
        .filter(_discrepant())
        .select_related("receipt__shipment", *_TRACE)
        .order_by("receipt__received_on", "receipt_id", "pk"),
        "shipment_line__pledge__offer_line",
    )
    lines._iterable_class = _Described
    return lines


def discrepancy_get(*, viewer, partnership: Partnership, line_id: int) -> ReceiptLine:
    """One received line of the partnership, `described`, its remark, settlement and item
    with their translations into the reader's language; 404 for people outside it."""
    _member_or_404(viewer, partnership)
    line = _in_readers_language(
        ReceiptLine.objects.filter(
            receipt__shipment__partnership=partnership, pk=line_id
        ).select_related("receipt__shipment", "resolved_by", *_TRACE),
        "shipment_line__pledge__offer_line",
    ).first()
    if line is None:
        raise Http404
    return described(line)
