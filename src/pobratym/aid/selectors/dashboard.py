"""The aid dashboard's figures for one partnership, each summed by the database: needs by
status, values pledged, shipped and received, and coverage by sector, donor and month.

Values are estimates in EUR: an offer line's estimated value is for the whole line, so a
pledge (or what was shipped or received of it) is worth its share of the line's quantity.
Quantities are compared only within a need line, since lines have different units.
"""

from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal

from django.db.models import (
    Count,
    DateField,
    DecimalField,
    F,
    FloatField,
    Func,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce, Least, TruncMonth
from django.http import Http404
from django.utils import timezone

from pobratym.directory.models import OrganisationKind
from pobratym.partnerships.models import Partnership
from pobratym.partnerships.predicates import membership_of

from ..models import (
    DEPARTED,
    ArrivalState,
    Closure,
    Need,
    NeedLine,
    NeedStatus,
    Pledge,
    ReceiptLine,
    Sector,
    ShipmentLine,
)
from .needs import with_status

TOP_DONORS = 10
MONTHS = 12
CENT = Decimal("0.01")
ZERO = Decimal(0)
VALUE = DecimalField(max_digits=24, decimal_places=6)
IN_PROGRESS = (NeedStatus.OPEN, NeedStatus.PARTLY_COVERED, NeedStatus.COVERED)


class Divide(Func):
    """a / b. SQLite stores whole decimals as integers and would divide them as integers
    (7 / 2 = 3), so there the division is made in floating point."""

    arg_joiner = " / "
    template = "(%(expressions)s)"

    def as_sqlite(self, compiler, connection, **extra):
        return self.as_sql(compiler, connection, arg_joiner=" * 1.0 / ", **extra)


def _value(quantity, offer_line: str) -> Divide:
    """Estimated value of `quantity` items of the offer line at the path `offer_line`."""
    return Divide(
        F(f"{offer_line}__estimated_value") * quantity,
        F(f"{offer_line}__quantity"),
        output_field=VALUE,
    )


def _money(amount) -> Decimal:
    return Decimal(amount or 0).quantize(CENT)


def _total(queryset: QuerySet, group_by: str) -> Coalesce:
    """SUM(quantity) of `queryset` as a correlated subquery, 0 when there is none."""
    total = Subquery(
        queryset.order_by().values(group_by).annotate(total=Sum("quantity")).values("total")[:1]
    )
    return Coalesce(total, Value(ZERO), output_field=VALUE)


def _shipped(scope: QuerySet = ShipmentLine.objects) -> QuerySet:
    return scope.filter(shipment__status__in=DEPARTED)


def _pledges(partnership_id: int) -> QuerySet:
    return Pledge.objects.filter(need_line__need__partnership_id=partnership_id)


@dataclass(frozen=True)
class StatusCount:
    status: str
    label: str
    count: int


@dataclass(frozen=True)
class Totals:
    """Values in EUR. Received is what the goods received notes say arrived, a surplus
    included; open discrepancies are received lines not as shipped nor yet resolved."""

    pledges: int
    pledged: Decimal
    shipped: Decimal
    received: Decimal
    open_discrepancies: int


@dataclass(frozen=True)
class SectorCoverage:
    """Shares are the average over the sector's item lines of what each line has pledged,
    shipped or received, as a percentage of its own quantity (at most 100 each)."""

    sector: str
    label: str
    needs: int
    lines: int
    pledged: float
    shipped: float
    received: float


@dataclass(frozen=True)
class DonorTotal:
    donor: str  # the organisation's name as written; empty for "all other donors"
    donor_type: str  # its kind in the directory
    pledges: int
    pledged: Decimal
    shipped: Decimal
    donor_id: int | None = None

    @property
    def donor_type_label(self) -> str:
        kinds = OrganisationKind
        return kinds(self.donor_type).label if self.donor_type in kinds.values else ""


@dataclass(frozen=True)
class MonthTotal:
    month: date
    pledged: Decimal
    shipped: Decimal
    received: Decimal


@dataclass(frozen=True)
class Dashboard:
    statuses: list[StatusCount]
    open_needs: int
    totals: Totals
    sectors: list[SectorCoverage]
    donors: list[DonorTotal]
    other_donors: DonorTotal | None
    months: list[MonthTotal]


def aid_dashboard(*, viewer, partnership: Partnership, today: date | None = None) -> Dashboard:
    """Every figure of the aid dashboard, for members of the partnership only (404 for anyone
    else); twelve queries however much aid there is. Months are those of the viewer's
    current time zone, the last twelve up to `today`."""
    if membership_of(viewer, partnership) is None:
        raise Http404
    statuses, open_needs = _needs_by_status(partnership.pk)
    totals = _totals(partnership.pk)
    donors, others = _donors(partnership.pk, totals)
    return Dashboard(
        statuses=statuses,
        open_needs=open_needs,
        totals=totals,
        sectors=_sectors(partnership.pk),
        donors=donors,
        other_donors=others,
        months=_months(partnership.pk, today or timezone.localdate()),
    )


def _needs_by_status(partnership_id: int) -> tuple[list[StatusCount], int]:
    """Counts per computed status, and of needs in progress: not yet delivered, closed or
    cancelled."""
    # Grouped by the status, so each need's status is worked out once, not once per count.
    rows = (
        with_status(Need.objects.filter(partnership_id=partnership_id))
        .order_by()
        .values("status")
        .annotate(count=Count("pk"))
    )
    counts = {row["status"]: row["count"] for row in rows}
    statuses = [
        StatusCount(status=status.value, label=status.label, count=counts.get(status.value, 0))
        for status in NeedStatus
    ]
    return statuses, sum(counts.get(status, 0) for status in IN_PROGRESS)


def _totals(partnership_id: int) -> Totals:
    pledged = _pledges(partnership_id).aggregate(
        count=Count("pk"), value=Sum(_value(F("quantity"), "offer_line"))
    )
    shipped = _shipped().filter(shipment__partnership_id=partnership_id)
    shipped_value = shipped.aggregate(value=Sum(_value(F("quantity"), "pledge__offer_line")))
    discrepancy = Q(resolved_at__isnull=True) & (
        ~Q(quantity=F("shipment_line__quantity")) | ~Q(state=ArrivalState.INTACT)
    )
    received = ReceiptLine.objects.filter(receipt__shipment__partnership_id=partnership_id)
    received = received.aggregate(
        value=Sum(_value(F("quantity"), "shipment_line__pledge__offer_line")),
        open_discrepancies=Count("pk", filter=discrepancy),
    )
    return Totals(
        pledges=pledged["count"],
        pledged=_money(pledged["value"]),
        shipped=_money(shipped_value["value"]),
        received=_money(received["value"]),
        open_discrepancies=received["open_discrepancies"],
    )


def aid_public_figures(*, partnership: Partnership, today: date | None = None) -> Dashboard:
    """What the public portal shows of the aid, for anybody: coverage by sector and value by
    month over the needs a coordinator made public only, and no donor. Six queries."""
    months = _months(partnership.pk, today or timezone.localdate(), public=True)
    return Dashboard(
        statuses=[],
        open_needs=0,
        totals=Totals(
            pledges=0,
            pledged=sum((month.pledged for month in months), ZERO),
            shipped=sum((month.shipped for month in months), ZERO),
            received=sum((month.received for month in months), ZERO),
            open_discrepancies=0,
        ),
        sectors=_sectors(partnership.pk, public=True),
        donors=[],
        other_donors=None,
        months=months,
    )


def _public(need: str, public: bool) -> dict:
    """The filter keeping only public needs (at the path `need`), or none."""
    return {f"{need}__public": True} if public else {}


def _sectors(partnership_id: int, public: bool = False) -> list[SectorCoverage]:
    """Coverage per sector over the lines of needs not cancelled (a cancelled need was never
    going to be covered, so it would only pull the shares down).

    A line's share is the sum of its pledges' (loads', receipts') shares of its quantity:
    pledges never exceed a line and loads never exceed a pledge, and a surplus received counts
    only up to what was shipped, so no line counts for more than 100 %. Summed over joins and
    grouped by sector, rather than a subquery per line, which PostgreSQL runs slowly."""
    lines = (
        NeedLine.objects.filter(need__partnership_id=partnership_id, **_public("need", public))
        .exclude(need__closure=Closure.CANCELLED)
        .order_by()
        .values("need__sector")
        .annotate(needs=Count("need", distinct=True), lines=Count("pk"))
    )
    pledged = _shares(Pledge.objects.all(), "need_line", F("quantity"), partnership_id, public)
    shipped = _shares(_shipped(), "pledge__need_line", F("quantity"), partnership_id, public)
    received = _shares(
        ReceiptLine.objects.all(),
        "shipment_line__pledge__need_line",
        Least(F("quantity"), F("shipment_line__quantity")),
        partnership_id,
        public,
    )
    by_sector = {row["need__sector"]: row for row in lines}
    return [
        SectorCoverage(
            sector=sector.value,
            label=sector.label,
            needs=row["needs"],
            lines=row["lines"],
            pledged=_percent(pledged.get(sector.value), row["lines"]),
            shipped=_percent(shipped.get(sector.value), row["lines"]),
            received=_percent(received.get(sector.value), row["lines"]),
        )
        for sector in Sector
        if (row := by_sector.get(sector.value))
    ]


def _shares(
    queryset: QuerySet, need_line: str, quantity, partnership_id: int, public: bool = False
) -> dict:
    """Per sector, the sum over `queryset` of `quantity` as a share of its need line's."""
    need = f"{need_line}__need"
    rows = (
        queryset.filter(**{f"{need}__partnership_id": partnership_id}, **_public(need, public))
        .exclude(**{f"{need}__closure": Closure.CANCELLED})
        .order_by()
        .values(sector=F(f"{need}__sector"))
        .annotate(
            share=Sum(Divide(quantity, F(f"{need_line}__quantity"), output_field=FloatField()))
        )
    )
    return {row["sector"]: row["share"] for row in rows}


def _percent(shares, lines: int) -> float:
    return round(min(float(shares or 0) / lines, 1.0) * 100, 1)


def _donors(partnership_id: int, totals: Totals) -> tuple[list[DonorTotal], DonorTotal | None]:
    """The donors who pledged most by value, and all others together, as the totals less
    the top ones (so one query however many donors there are)."""
    shipped = _total(_shipped().filter(pledge=OuterRef("pk")), "pledge")
    rows = (
        _pledges(partnership_id)
        .order_by()
        .values(
            donor_id=F("offer_line__offer__donor"),
            donor=F("offer_line__offer__donor__name"),
            donor_type=F("offer_line__offer__donor__kind"),
        )
        .annotate(
            pledges=Count("pk"),
            pledged=Sum(_value(F("quantity"), "offer_line")),
            shipped=Sum(_value(shipped, "offer_line")),
        )
        .order_by("-pledged", "donor", "donor_id")[:TOP_DONORS]
    )
    top = [
        DonorTotal(
            donor=row["donor"],
            donor_type=row["donor_type"],
            donor_id=row["donor_id"],
            pledges=row["pledges"],
            pledged=_money(row["pledged"]),
            shipped=_money(row["shipped"]),
        )
        for row in rows
    ]
    rest = totals.pledges - sum(donor.pledges for donor in top)
    if rest <= 0:
        return top, None
    others = DonorTotal(
        donor="",
        donor_type="",
        pledges=rest,
        pledged=totals.pledged - sum(donor.pledged for donor in top),
        shipped=totals.shipped - sum(donor.shipped for donor in top),
    )
    return top, others


def _month_start(day: date, back: int) -> date:
    months = day.year * 12 + day.month - 1 - back
    return date(months // 12, months % 12 + 1, 1)


def _months(partnership_id: int, today: date, public: bool = False) -> list[MonthTotal]:
    """The last twelve months up to this one, oldest first, each with a value (zero for a
    month without any); with `public`, of public needs only."""
    first, after = _month_start(today, MONTHS - 1), _month_start(today, -1)
    moment = timezone.get_current_timezone()
    confirmed = {
        "confirmed_at__gte": datetime.combine(first, time(), tzinfo=moment),
        "confirmed_at__lt": datetime.combine(after, time(), tzinfo=moment),
    }
    pledged = _by_month(
        _pledges(partnership_id).filter(**confirmed, **_public("need_line__need", public)),
        TruncMonth("confirmed_at", output_field=DateField()),
        "offer_line",
    )
    shipped = _by_month(
        _shipped().filter(
            shipment__partnership_id=partnership_id,
            shipment__departed_on__gte=first,
            shipment__departed_on__lt=after,
            **_public("pledge__need_line__need", public),
        ),
        TruncMonth("shipment__departed_on"),
        "pledge__offer_line",
    )
    received = _by_month(
        ReceiptLine.objects.filter(
            receipt__shipment__partnership_id=partnership_id,
            receipt__received_on__gte=first,
            receipt__received_on__lt=after,
            **_public("shipment_line__pledge__need_line__need", public),
        ),
        TruncMonth("receipt__received_on"),
        "shipment_line__pledge__offer_line",
    )
    months = [_month_start(today, back) for back in range(MONTHS - 1, -1, -1)]
    return [
        MonthTotal(
            month=month,
            pledged=pledged.get(month, ZERO),
            shipped=shipped.get(month, ZERO),
            received=received.get(month, ZERO),
        )
        for month in months
    ]


def _by_month(queryset: QuerySet, month, offer_line: str) -> dict[date, Decimal]:
    rows = (
        queryset.order_by()
        .annotate(month=month)
        .values("month")
        .annotate(value=Sum(_value(F("quantity"), offer_line)))
    )
    return {row["month"]: _money(row["value"]) for row in rows}


def aid_months_of_year(*, partnership: Partnership, year: int) -> list[MonthTotal]:
    """The twelve months of `year`, as the dashboard counts them, for the council report (the
    caller checks access): values pledged, shipped and received per month. Three queries."""
    return _months(partnership.pk, date(year, 12, 31))
