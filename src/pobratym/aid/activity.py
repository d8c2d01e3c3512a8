"""Recent activity of humanitarian aid on the partnership's overview (registered in
AidConfig.ready): needs posted, pledges confirmed, shipments dispatched and delivered, goods
received. Titles only: no address or other sensitive detail of a need."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from pobratym.partnerships.activity import Event
from pobratym.translation.selectors import reader_translations, shown, with_translations

from .models import GoodsReceivedNote, Need, Pledge, ShipmentEvent, ShipmentStatus

# The stages of a shipment worth telling the partnership about.
STAGES = {
    ShipmentStatus.IN_TRANSIT: gettext_lazy("Shipment dispatched"),
    ShipmentStatus.DELIVERED: gettext_lazy("Shipment delivered"),
}


def need_activity(viewer, partnership, limit: int) -> list[Event]:
    """Needs posted and pledges confirmed (four queries)."""
    if not viewer.has_perm("aid.view_need", partnership):
        return []
    slug = partnership.slug
    needs = with_translations(Need.objects.filter(partnership=partnership)).order_by("-created_at")[
        :limit
    ]
    pledges = (
        Pledge.objects.filter(need_line__need__partnership=partnership)
        .select_related("need_line__need", "offer_line__offer__donor")
        .prefetch_related(reader_translations("need_line__need"))
        .order_by("-confirmed_at")[:limit]
    )
    events = [
        Event(
            need.created_at,
            _("Need posted"),
            shown(need, "title").text,
            reverse("aid:need_detail", args=[slug, need.pk]),
        )
        for need in needs
    ]
    for pledge in pledges:
        need = pledge.need_line.need
        events.append(
            Event(
                pledge.confirmed_at,
                _("Pledge confirmed"),
                f"{pledge.offer_line.offer.donor.name}: {shown(need, 'title').text}",
                reverse("aid:need_detail", args=[slug, need.pk]),
            )
        )
    return events


def shipment_activity(viewer, partnership, limit: int) -> list[Event]:
    """Shipments dispatched and delivered, and goods received notes (two queries)."""
    if not viewer.has_perm("aid.view_shipment", partnership):
        return []
    slug = partnership.slug
    stages = (
        ShipmentEvent.objects.filter(shipment__partnership=partnership, status__in=STAGES)
        .select_related("shipment")
        .order_by("-occurred_at")[:limit]
    )
    receipts = (
        GoodsReceivedNote.objects.filter(shipment__partnership=partnership)
        .select_related("shipment")
        .order_by("-created_at")[:limit]
    )
    events = [
        Event(
            stage.occurred_at,
            STAGES[stage.status],
            str(stage.shipment),
            reverse("aid:shipment_detail", args=[slug, stage.shipment_id]),
        )
        for stage in stages
    ]
    events += [
        Event(
            receipt.created_at,
            _("Goods received"),
            f"{receipt.shipment}: {receipt.number}",
            reverse("aid:receipt_detail", args=[slug, receipt.shipment_id]),
        )
        for receipt in receipts
    ]
    return events
