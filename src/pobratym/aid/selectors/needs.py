"""Needs as aid screens and exports read them, scoped to the viewer: their computed status
and coverage (which offers could serve them is `matching`).

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

from pobratym.partnerships.models import Partnership
from pobratym.partnerships.predicates import membership_of
from pobratym.translation.selectors import matching, with_translations

from ..models import (
    DEPARTED,
    QUANTITY,
    Closure,
    Need,
    NeedLine,
    NeedStatus,
    Pledge,
    ReceiptLine,
    ShipmentLine,
)
from ..predicates import sees_sensitive

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


def _lines_delivered_covered() -> tuple[QuerySet, Q, Q]:
    """A need's lines, and the conditions "every line received" and "every line pledged"."""
    lines = NeedLine.objects.filter(need=OuterRef("pk"))
    uncovered = lines.annotate(pledged=_pledged_for_need_line()).filter(pledged__lt=F("quantity"))
    undelivered = lines.annotate(received=_received_for_need_line()).filter(
        received__lt=F("quantity")
    )
    return lines, Exists(lines) & ~Exists(undelivered), Exists(lines) & ~Exists(uncovered)


def still_wanted(needs: QuerySet) -> QuerySet:
    """The needs whose status is open or partly covered, as `with_status` decides it, without
    its sums: My work's count in the top bar asks this on every page, and building the sums
    there took about 5 ms of each (the organisations list, 34 -> 28 ms in one process)."""
    _lines, delivered, covered = _lines_delivered_covered()
    return needs.filter(Q(closure=Closure.NONE) & ~delivered & ~covered)


def public_open_needs(*, partnership: Partnership, limit: int) -> QuerySet:
    """The public needs still open or partly covered, soonest needed first, with the reader's
    translations, for the public portal: for anybody, and never their exact address or the
    critical-infrastructure mark (not even read)."""
    needs = Need.objects.filter(partnership=partnership, public=True)
    needs = still_wanted(needs).defer("address", "critical_infrastructure")
    ordered = needs.order_by(F("needed_by").asc(nulls_last=True), "-created_at", "pk")
    return with_translations(ordered)[:limit]


def with_status(needs: QuerySet) -> QuerySet:
    """Annotate `requested`, `pledged`, `shipped`, `received`, `line_count` and `status`.

    Status rule: closed or cancelled when a person ended the need; delivered when every line
    has at least its quantity received; covered when every line has at least its quantity
    pledged; partly covered when anything is pledged; open otherwise. The sums add up
    quantities across lines and so are only meaningful as numbers when the lines share a
    unit; coverage per line is in `need_line_coverage`.
    """
    lines, delivered, covered = _lines_delivered_covered()
    pledges = Pledge.objects.filter(need_line__need=OuterRef("pk"))
    shipped = ShipmentLine.objects.filter(
        pledge__need_line__need=OuterRef("pk"), shipment__status__in=DEPARTED
    )
    received = ReceiptLine.objects.filter(shipment_line__pledge__need_line__need=OuterRef("pk"))
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
            When(delivered, then=Value(NeedStatus.DELIVERED.value)),
            When(covered, then=Value(NeedStatus.COVERED.value)),
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
    priority, the day wanted by: `needed_from`, `needed_until`; empty values are ignored),
    with their translations into the reader's language.
    Three queries however many needs: the membership, the list and its translations."""
    filters = filters or {}
    needs, _membership = _visible_needs(viewer, partnership.pk)
    needs = with_status(needs)
    for name in FILTERS:
        if value := filters.get(name):
            needs = needs.filter(**{name: value})
    if words := (filters.get("q") or "").strip():
        needs = needs.filter(_with_words(words))
    if start := filters.get("needed_from"):
        needs = needs.filter(needed_by__gte=start)
    if end := filters.get("needed_until"):
        needs = needs.filter(needed_by__lte=end)
    urgency = Case(
        *(When(priority=p, then=Value(i)) for i, p in enumerate(Need.Priority.values)),
        default=Value(9),
    )
    needs = with_translations(needs)
    return needs.annotate(urgency=urgency).order_by("urgency", "-created_at", "-pk")


def _with_words(words: str):
    """Needs whose texts or items contain `words`, in the original or any translation."""
    in_lines = NeedLine.objects.filter(matching(NeedLine, ("item",), words), need=OuterRef("pk"))
    return matching(Need, ("title", "institution", "area", "description"), words) | Q(
        Exists(in_lines)
    )


def need_detail(*, viewer, need_id: int, partnership: Partnership) -> Need:
    """One need with its status and `coverage` (its lines, see `need_line_coverage`); 404 for
    a need the viewer may not see."""
    needs, _membership = _visible_needs(viewer, partnership.pk)
    need = with_translations(with_status(needs.filter(pk=need_id))).first()
    if need is None:
        raise Http404
    need.coverage = list(with_translations(_coverage(need)))
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
