"""What aid screens and exports read, scoped to the viewer: needs with their computed status
and coverage, and the offers and needs that could match each other.

Sensitive fields (exact address, critical infrastructure) come back blanked for viewers who may
not see them: `address` as "" and `critical_infrastructure` as None, with `sensitive_shown`
False, decided row by row by `predicates.sees_sensitive`, the function the permission uses.
"""

from collections.abc import Mapping
from decimal import Decimal

from django.db.models import (
    Case,
    Count,
    DecimalField,
    Exists,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.db.models.query import ModelIterable
from django.http import Http404
from django.utils import timezone
from django.utils.translation import pgettext_lazy

from pobratym.partnerships.models import Partnership
from pobratym.partnerships.predicates import membership_of

from .models import (
    DEPARTED,
    QUANTITY,
    ArrivalState,
    Closure,
    GoodsReceivedNote,
    Need,
    NeedLine,
    NeedStatus,
    Offer,
    OfferLine,
    Pledge,
    ReceiptLine,
    ReceiptPhoto,
    Shipment,
    ShipmentLine,
)
from .predicates import sees_sensitive
from .services import OPEN_OFFER_STATUSES

FILTERS = ("status", "kind", "sector", "priority")


def _decimal(expression) -> Coalesce:
    return Coalesce(expression, Value(Decimal(0)), output_field=DecimalField(**QUANTITY))


def _sum(queryset: QuerySet, group_by: str, field: str = "quantity") -> Subquery:
    """SUM(field) over `queryset` grouped by one column, as a correlated subquery (never a
    join, so sums of lines and of pledges do not multiply each other)."""
    return Subquery(
        queryset.order_by().values(group_by).annotate(total=Sum(field)).values("total")[:1]
    )


def _pledged_for_need_line(outer: str = "pk"):
    return _decimal(_sum(Pledge.objects.filter(need_line=OuterRef(outer)), "need_line"))


def _shipped_for_need_line(outer: str = "pk"):
    departed = ShipmentLine.objects.filter(
        pledge__need_line=OuterRef(outer), shipment__status__in=DEPARTED
    )
    return _decimal(_sum(departed, "pledge__need_line"))


def _received_for_need_line(outer: str = "pk"):
    received = ReceiptLine.objects.filter(shipment_line__pledge__need_line=OuterRef(outer))
    return _decimal(_sum(received, "shipment_line__pledge__need_line"))


def _pledged_for_offer_line(outer: str = "pk"):
    return _decimal(_sum(Pledge.objects.filter(offer_line=OuterRef(outer)), "offer_line"))


def with_status(needs: QuerySet) -> QuerySet:
    """Annotate `requested`, `pledged`, `shipped`, `received`, `line_count` and `status`.

    Status rule: closed or cancelled when a person ended the need; delivered when every line
    has at least its quantity received; covered when every line has at least its quantity
    pledged; partly covered when anything is pledged; open otherwise. The sums add up
    quantities across lines and so are only meaningful as numbers when the lines share a
    unit; coverage per line is in `need_line_coverage`.
    """
    lines = NeedLine.objects.filter(need=OuterRef("pk"))
    pledges = Pledge.objects.filter(need_line__need=OuterRef("pk"))
    shipped = ShipmentLine.objects.filter(
        pledge__need_line__need=OuterRef("pk"), shipment__status__in=DEPARTED
    )
    received = ReceiptLine.objects.filter(shipment_line__pledge__need_line__need=OuterRef("pk"))
    uncovered = lines.annotate(pledged=_pledged_for_need_line()).filter(pledged__lt=F("quantity"))
    undelivered = lines.annotate(received=_received_for_need_line()).filter(
        received__lt=F("quantity")
    )
    return needs.annotate(
        requested=_decimal(_sum(lines, "need")),
        pledged=_decimal(_sum(pledges, "need_line__need")),
        shipped=_decimal(_sum(shipped, "pledge__need_line__need")),
        received=_decimal(_sum(received, "shipment_line__pledge__need_line__need")),
        line_count=_count(lines),
    ).annotate(
        status=Case(
            When(closure=Closure.CLOSED, then=Value(NeedStatus.CLOSED.value)),
            When(closure=Closure.CANCELLED, then=Value(NeedStatus.CANCELLED.value)),
            When(
                Exists(lines) & ~Exists(undelivered),
                then=Value(NeedStatus.DELIVERED.value),
            ),
            When(
                Exists(lines) & ~Exists(uncovered),
                then=Value(NeedStatus.COVERED.value),
            ),
            When(pledged__gt=0, then=Value(NeedStatus.PARTLY_COVERED.value)),
            default=Value(NeedStatus.OPEN.value),
        )
    )


def _count(lines: QuerySet) -> Coalesce:
    return Coalesce(
        Subquery(lines.order_by().values("need").annotate(total=Count("pk")).values("total")[:1]),
        0,
    )


def _masking(membership, need_of=lambda record: record):
    """An iterable class that blanks what the viewer may not see, as each row is built; it
    travels with the queryset through filtering, slicing and pagination."""

    class MaskedNeeds(ModelIterable):
        def __iter__(self):
            for record in super().__iter__():
                blank(need_of(record), membership)
                yield record

    return MaskedNeeds


def blank(need: Need, membership) -> Need:
    need.sensitive_shown = sees_sensitive(membership, need)
    if not need.sensitive_shown:
        need.address = ""
        need.critical_infrastructure = None
    return need


def _visible_needs(viewer, partnership_id: int) -> tuple[QuerySet, object]:
    membership = membership_of(viewer, Partnership(pk=partnership_id))
    needs = Need.objects.filter(partnership_id=partnership_id)
    if membership is None:
        needs = needs.filter(public=True)
    needs = needs.select_related("side__city")
    needs._iterable_class = _masking(membership)
    return needs, membership


def need_list(*, viewer, partnership: Partnership, filters: Mapping | None = None) -> QuerySet:
    """The partnership's needs the viewer may see (members: all; others: public ones), with
    their status, most urgent and newest first, narrowed by `filters` (status, kind, sector,
    priority; empty values are ignored). Two queries however many needs: the membership and
    the list."""
    filters = filters or {}
    needs, _membership = _visible_needs(viewer, partnership.pk)
    needs = with_status(needs)
    for name in FILTERS:
        if value := filters.get(name):
            needs = needs.filter(**{name: value})
    urgency = Case(
        *(When(priority=p, then=Value(i)) for i, p in enumerate(Need.Priority.values)),
        default=Value(9),
    )
    return needs.annotate(urgency=urgency).order_by("urgency", "-created_at", "-pk")


def need_detail(*, viewer, need_id: int, partnership: Partnership) -> Need:
    """One need with its status and `coverage` (its lines, see `need_line_coverage`); 404 for
    a need the viewer may not see."""
    needs, _membership = _visible_needs(viewer, partnership.pk)
    need = with_status(needs.filter(pk=need_id)).first()
    if need is None:
        raise Http404
    need.coverage = list(_coverage(need))
    return need


def lines_with_coverage() -> QuerySet:
    """Need lines with `pledged`, `shipped` (on shipments that left), `received` (confirmed by
    goods received notes; a surplus counts) and `outstanding` (requested minus pledged),
    unscoped: for selectors and exports that have already decided which needs the viewer sees."""
    return (
        NeedLine.objects.annotate(
            pledged=_pledged_for_need_line(),
            shipped=_shipped_for_need_line(),
            received=_received_for_need_line(),
        )
        .annotate(outstanding=F("quantity") - F("pledged"))
        .order_by("pk")
    )


def _coverage(need: Need) -> QuerySet:
    return lines_with_coverage().filter(need=need)


def need_line_coverage(*, viewer, need: Need) -> QuerySet:
    """Per line of a need: `quantity` requested, `pledged`, `shipped`, `received` and
    `outstanding` (requested minus pledged; negative never, since pledges stop at the
    quantity)."""
    needs, _membership = _visible_needs(viewer, need.partnership_id)
    if not needs.filter(pk=need.pk).exists():
        raise Http404
    return _coverage(need)


def _offer_lines_available(partnership_id: int) -> QuerySet:
    today = timezone.localdate()
    return (
        OfferLine.objects.filter(
            offer__partnership_id=partnership_id, offer__status__in=OPEN_OFFER_STATUSES
        )
        .exclude(expires_on__lt=today)
        .annotate(pledged=_pledged_for_offer_line())
        .annotate(remaining=F("quantity") - F("pledged"))
        .filter(remaining__gt=0)
        .select_related("offer")
    )


def matching_offers(*, viewer, need: Need) -> QuerySet:
    """Offer lines that could serve an open need: same item (case and spacing ignored) and
    unit, an offer still open or accepted, made for this need or freely, with something left
    (`remaining`); `need_line_match` names the need line they fit. Members only."""
    if membership_of(viewer, need) is None or need.closure:
        return OfferLine.objects.none()
    fitting = NeedLine.objects.filter(
        need=need, item_key=OuterRef("item_key"), unit=OuterRef("unit")
    )
    return (
        _offer_lines_available(need.partnership_id)
        .filter(Q(offer__need__isnull=True) | Q(offer__need=need))
        .filter(Exists(fitting))
        .annotate(need_line_match=Subquery(fitting.order_by("pk").values("pk")[:1]))
        .order_by("offer__created_at", "pk")
    )


def matching_needs(*, viewer, offer: Offer) -> QuerySet:
    """Need lines an offer could serve: same item and unit as one of its lines with something
    left, in needs still pursued (the offer's own need, or for a free offer any need of the
    other side), not yet fully pledged (`outstanding`). Members only."""
    membership = membership_of(viewer, offer)
    if membership is None or offer.status not in OPEN_OFFER_STATUSES:
        return NeedLine.objects.none()
    fitting = _offer_lines_available(offer.partnership_id).filter(
        offer=offer, item_key=OuterRef("item_key"), unit=OuterRef("unit")
    )
    needs = Q(need=offer.need_id) if offer.need_id else ~Q(need__side=offer.side_id)
    lines = (
        NeedLine.objects.filter(needs, need__partnership_id=offer.partnership_id, need__closure="")
        .filter(Exists(fitting))
        .annotate(pledged=_pledged_for_need_line())
        .annotate(outstanding=F("quantity") - F("pledged"))
        .filter(outstanding__gt=0)
        .select_related("need")
        .order_by("need__needed_by", "pk")
    )
    lines._iterable_class = _masking(membership, need_of=lambda line: line.need)
    return lines


# Offers and pledges as the offer and need pages show them.


def offer_list(*, viewer, partnership: Partnership) -> QuerySet:
    """The partnership's offers, newest first, with `line_count`, `total_value` (EUR) and the
    need each answers; members only (nothing for anyone else). Only the need's title is meant
    for display: it is not blanked."""
    if membership_of(viewer, partnership) is None:
        return Offer.objects.none()
    lines = OfferLine.objects.filter(offer=OuterRef("pk"))
    count = lines.order_by().values("offer").annotate(total=Count("pk")).values("total")[:1]
    return (
        Offer.objects.filter(partnership=partnership)
        .select_related("side__city", "need")
        .annotate(
            line_count=Coalesce(Subquery(count), 0),
            total_value=_decimal(_sum(lines, "offer", "estimated_value")),
        )
        .order_by("-created_at", "-pk")
    )


def offer_detail(*, viewer, partnership: Partnership, offer_id: int) -> Offer:
    """One offer with `line_rows`: its lines with `pledged` and `remaining`; 404 for an offer
    the viewer may not see."""
    offer = (
        offer_list(viewer=viewer, partnership=partnership)
        .select_related("created_by", "decided_by")
        .filter(pk=offer_id)
        .first()
    )
    if offer is None:
        raise Http404
    offer.line_rows = list(
        OfferLine.objects.filter(offer=offer)
        .annotate(pledged=_pledged_for_offer_line())
        .annotate(remaining=F("quantity") - F("pledged"))
        .select_related("need_line")
        .order_by("pk")
    )
    return offer


def pledge_list(*, viewer, need: Need | None = None, offer: Offer | None = None) -> QuerySet:
    """The pledges to a need's lines or from an offer's lines, oldest first; members only."""
    record = need if need is not None else offer
    if record is None or membership_of(viewer, record) is None:
        return Pledge.objects.none()
    if need is not None:
        pledges = Pledge.objects.filter(need_line__need=need)
    else:
        pledges = Pledge.objects.filter(offer_line__offer=offer)
    return pledges.select_related("offer_line__offer", "need_line__need", "confirmed_by").order_by(
        "confirmed_at", "pk"
    )


def pledge_lines(
    *, viewer, partnership: Partnership, offer_line_id: int, need_line_id: int
) -> tuple[OfferLine, NeedLine]:
    """The offer line and need line a pledge would join, both of this partnership; 404 if
    either is not, or the viewer is not a member."""
    if membership_of(viewer, partnership) is None:
        raise Http404
    offer_line = (
        OfferLine.objects.filter(pk=offer_line_id, offer__partnership=partnership)
        .select_related("offer")
        .first()
    )
    need_line = (
        NeedLine.objects.filter(pk=need_line_id, need__partnership=partnership)
        .select_related("need")
        .first()
    )
    if offer_line is None or need_line is None:
        raise Http404
    return offer_line, need_line


# Goods received notes and their discrepancies, as the receipt pages and the e-mail to the
# sending side show them.


DISCREPANCY_KINDS = {
    "missing": pgettext_lazy("discrepancy", "missing"),
    "surplus": pgettext_lazy("discrepancy", "surplus"),
    "damaged": pgettext_lazy("discrepancy", "damaged"),
    "unusable": pgettext_lazy("discrepancy", "unusable"),
}
# Each received line traces back through these to its pledge, donor and need.
_TRACE = (
    "shipment_line__package",
    "shipment_line__pledge__offer_line__offer",
    "shipment_line__pledge__need_line__need",
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
    (each with its pledge, offer and need line, and `shipped` for display) and
    `existing_receipt` (or None); 404 for people outside the partnership and for another
    partnership's shipment."""
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
            "package", "pledge__offer_line__offer", "pledge__need_line__need"
        ).order_by("pk")
    )
    for line in shipment.line_rows:
        line.shipped = line.quantity.normalize()
    shipment.existing_receipt = GoodsReceivedNote.objects.filter(shipment=shipment).first()
    return shipment


def _receipt_rows(receipt: GoodsReceivedNote) -> GoodsReceivedNote:
    lines = (
        ReceiptLine.objects.filter(receipt=receipt)
        .select_related(*_TRACE, "resolved_by")
        .order_by("pk")
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
    and `photo_list` (each with `shown_line`, the row it shows, or None); 404 for people
    outside the partnership or when there is no note.
    Nothing sensitive of the need (address, critical infrastructure) is meant for display."""
    _member_or_404(viewer, partnership)
    receipt = (
        GoodsReceivedNote.objects.filter(shipment__partnership=partnership, shipment=shipment_id)
        .select_related("shipment__side__city", "recorded_by")
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
    first, each `described` and with its note, shipment and trace loaded; members only."""
    if membership_of(viewer, partnership) is None:
        return ReceiptLine.objects.none()
    lines = (
        ReceiptLine.objects.filter(
            receipt__shipment__partnership=partnership, resolved_at__isnull=True
        )
        .filter(_discrepant())
        .select_related("receipt__shipment", *_TRACE)
        .order_by("receipt__received_on", "receipt_id", "pk")
    )
    lines._iterable_class = _Described
    return lines


def discrepancy_get(*, viewer, partnership: Partnership, line_id: int) -> ReceiptLine:
    """One received line of the partnership, `described`; 404 for people outside it."""
    _member_or_404(viewer, partnership)
    line = (
        ReceiptLine.objects.filter(receipt__shipment__partnership=partnership, pk=line_id)
        .select_related("receipt__shipment", "resolved_by", *_TRACE)
        .first()
    )
    if line is None:
        raise Http404
    return described(line)
