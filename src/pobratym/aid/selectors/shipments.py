"""What the shipment pages and documents read, scoped to the viewer: shipments with their
packages, loaded lines (each traced to its donor, pledge and need) and stage events.

A need's exact address comes back blanked (`selectors.blank`) unless the viewer may see it.
What people typed (route, note, items, needs' titles, institutions and areas) comes with its
translations into the reader's language, one query per kind of record.
"""

from collections.abc import Mapping
from decimal import Decimal

from django.db.models import (
    Count,
    DecimalField,
    Exists,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce
from django.http import Http404

from pobratym.core.search import contains
from pobratym.directory.models import Organisation
from pobratym.partnerships.models import Partnership, Side
from pobratym.partnerships.predicates import membership_of
from pobratym.translation.selectors import matching, reader_translations, with_translations

from ..models import Package, Pledge, Shipment, ShipmentLine
from .needs import _decimal, _masking, _sum, blank

CENT = Decimal("0.01")


def _count_packages() -> Coalesce:
    packages = Package.objects.filter(shipment=OuterRef("pk"))
    count = packages.order_by().values("shipment").annotate(total=Count("pk")).values("total")
    return Coalesce(Subquery(count[:1]), 0)


def _total(field: str) -> Coalesce:
    packages = Package.objects.filter(shipment=OuterRef("pk"))
    return Coalesce(
        _sum(packages, "shipment", field),
        Value(Decimal(0)),
        output_field=DecimalField(max_digits=14, decimal_places=3),
    )


def shipment_list(*, viewer, partnership: Partnership, filters: Mapping | None = None) -> QuerySet:
    """The partnership's shipments, newest first, with `package_count`, `total_weight` (kg)
    and `total_volume` (m³); members only (nothing for anyone else), narrowed by `filters`
    (`q`, `status`)."""
    if membership_of(viewer, partnership) is None:
        return Shipment.objects.none()
    filters = filters or {}
    shipments = Shipment.objects.filter(partnership=partnership)
    if status := filters.get("status"):
        shipments = shipments.filter(status=status)
    if words := (filters.get("q") or "").strip():
        shipments = shipments.filter(_shipment_with_words(words))
    return (
        shipments.select_related("side__city", "carrier")
        .annotate(
            package_count=_count_packages(),
            total_weight=_total("gross_weight"),
            total_volume=_total("volume"),
        )
        .order_by("-created_at", "-pk")
    )


def _shipment_with_words(words: str) -> Q:
    """Shipments whose number, carrier, vehicle, route or note contain `words`, the last two
    in any language."""
    typed = Q()
    for field in ("reference", "vehicle"):
        typed |= contains(field, words)
    carriers = Organisation.objects.filter(
        matching(Organisation, ("name",), words), pk=OuterRef("carrier_id")
    )
    return typed | Q(Exists(carriers)) | matching(Shipment, Shipment.translatable_fields, words)


# What the shipment page and papers show of each loaded or loadable pledge, in the reader's
# language.
_SHOWN = ("offer_line", "need_line__need")


def _lines(shipment: Shipment, membership) -> list[ShipmentLine]:
    lines = list(
        ShipmentLine.objects.filter(shipment=shipment)
        .select_related(
            "package",
            "pledge__offer_line__offer__donor",
            "pledge__need_line__need__side__city",
        )
        .prefetch_related(*(reader_translations(f"pledge__{path}") for path in _SHOWN))
        .order_by("package__number", "pk")
    )
    for line in lines:
        offer_line = line.pledge.offer_line
        blank(line.pledge.need_line.need, membership)
        # The part of the offer line's estimated value that this quantity carries.
        share = offer_line.estimated_value * line.quantity / offer_line.quantity
        line.estimated_value = share.quantize(CENT)
    return lines


def shipment_detail(*, viewer, partnership: Partnership, shipment_id: int) -> Shipment:
    """One shipment with `line_rows` (loaded lines with pledge, offer, donor and need),
    `package_rows` (packages, each with its `contents`), `event_rows` (stages, oldest first),
    `sending_side` and `receiving_side` (with their cities) and the totals of `shipment_list`;
    404 for a shipment the viewer may not see."""
    membership = membership_of(viewer, partnership)
    shipment = (
        shipment_list(viewer=viewer, partnership=partnership)
        .select_related("created_by")
        .prefetch_related(reader_translations(), reader_translations("carrier"))
        .filter(pk=shipment_id)
        .first()
    )
    if shipment is None:
        raise Http404
    shipment.line_rows = _lines(shipment, membership)
    packages = list(Package.objects.filter(shipment=shipment).order_by("number"))
    for package in packages:
        package.contents = [line for line in shipment.line_rows if line.package_id == package.pk]
    shipment.package_rows = packages
    shipment.loose_lines = [line for line in shipment.line_rows if line.package_id is None]
    shipment.event_rows = list(
        with_translations(shipment.events.select_related("recorded_by")).order_by(
            "occurred_at", "pk"
        )
    )
    sides = list(Side.objects.filter(partnership=partnership).select_related("city"))
    shipment.sending_side = next(side for side in sides if side.pk == shipment.side_id)
    # A partnership has two sides; the goods go to the one that did not send them.
    shipment.receiving_side = next((side for side in sides if side.pk != shipment.side_id), None)
    shipment.total_value = sum((line.estimated_value for line in shipment.line_rows), Decimal(0))
    return shipment


def loadable_pledges(*, viewer, shipment: Shipment) -> QuerySet:
    """Confirmed pledges from the sending side's offers in the shipment's partnership with
    some quantity not yet loaded on any shipment (`loaded`, `remaining`), oldest first;
    members only."""
    membership = membership_of(viewer, shipment)
    if membership is None:
        return Pledge.objects.none()
    loaded = _decimal(_sum(ShipmentLine.objects.filter(pledge=OuterRef("pk")), "pledge"))
    pledges = (
        Pledge.objects.filter(
            offer_line__offer__partnership_id=shipment.partnership_id,
            offer_line__offer__side_id=shipment.side_id,
        )
        .annotate(loaded=loaded)
        .annotate(remaining=F("quantity") - F("loaded"))
        .filter(remaining__gt=0)
        .select_related("offer_line__offer__donor", "need_line__need")
        .prefetch_related(*(reader_translations(path) for path in _SHOWN))
        .order_by("confirmed_at", "pk")
    )
    return _masked(pledges, membership)


def _masked(pledges: QuerySet, membership) -> QuerySet:
    pledges._iterable_class = _masking(membership, need_of=lambda pledge: pledge.need_line.need)
    return pledges


def pledge_choices(*, shipment: Shipment) -> QuerySet:
    """Pledges a load form may name: those of the shipment's partnership (the service itself
    refuses those of the other side's donors, with its message)."""
    return Pledge.objects.filter(offer_line__offer__partnership_id=shipment.partnership_id)
