"""My work in humanitarian aid (registered in AidConfig.ready): offers to decide and pledges
to confirm for the receiving side's coordinators; shipments to receive, open discrepancies
and needs falling due for the offices."""

from datetime import timedelta

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from pobratym.partnerships.models import Role
from pobratym.partnerships.work import WorkItem, with_role
from pobratym.translation.selectors import reader_translations, shown

from .models import DEPARTED, Closure, Need, NeedStatus, Offer, OfferStatus, ReceiptLine, Shipment
from .selectors.needs import with_status
from .selectors.receipts import _discrepant

# A need shows in My work from this many days before its needed-by date (and after it).
DEADLINE_DAYS = 14


def _scope(memberships):
    """The partnerships by id, and the sides, of these memberships."""
    partnerships = {membership.partnership_id: membership.partnership for membership in memberships}
    return partnerships, [membership.side_id for membership in memberships]


def offer_work(user, memberships) -> list[WorkItem]:
    """Open offers for a coordinator's side: a free offer to accept or decline, an offer
    for a need to confirm as a pledge (which accepts it); as `aid.decide_offer` allows."""
    coordinators = with_role(memberships, Role.COORDINATOR)
    if not coordinators:
        return []
    partnerships, sides = _scope(coordinators)
    offers = (
        Offer.objects.filter(partnership_id__in=partnerships, status=OfferStatus.OPEN)
        .filter(Q(need__side_id__in=sides) | Q(need__isnull=True) & ~Q(side_id__in=sides))
        .exclude(need__closure__in=(Closure.CLOSED, Closure.CANCELLED))
        .select_related("need")
        .prefetch_related(reader_translations("need"))
        .order_by("created_at")
    )
    items = []
    for offer in offers:
        partnership = partnerships[offer.partnership_id]
        need = offer.need
        items.append(
            WorkItem(
                kind=_("Confirm the pledge") if need else _("Decide on the offer"),
                title=f"{offer.donor}: {shown(need, 'title').text}" if need else offer.donor,
                url=reverse("aid:offer_detail", args=[partnership.slug, offer.pk]),
                partnership=partnership,
                due=need.needed_by if need else None,
            )
        )
    return items


def receipt_work(user, memberships) -> list[WorkItem]:
    """Shipments on their way to an office's side with no goods received note yet."""
    offices = with_role(memberships, Role.COORDINATOR, Role.STAFF)
    if not offices:
        return []
    partnerships, sides = _scope(offices)
    shipments = (
        Shipment.objects.filter(
            partnership_id__in=partnerships, status__in=DEPARTED, receipt__isnull=True
        )
        .exclude(side_id__in=sides)
        .order_by("planned_arrival", "pk")
    )
    return [
        WorkItem(
            kind=_("Write the goods received note"),
            title=str(shipment),
            url=reverse(
                "aid:receipt_create", args=[partnerships[shipment.partnership_id].slug, shipment.pk]
            ),
            partnership=partnerships[shipment.partnership_id],
            due=shipment.planned_arrival,
        )
        for shipment in shipments
    ]


def discrepancy_work(user, memberships) -> list[WorkItem]:
    """Received lines not as shipped and not yet resolved, for either side's offices."""
    offices = with_role(memberships, Role.COORDINATOR, Role.STAFF)
    if not offices:
        return []
    partnerships, _sides = _scope(offices)
    lines = (
        ReceiptLine.objects.filter(
            _discrepant(),
            receipt__shipment__partnership_id__in=partnerships,
            resolved_at__isnull=True,
        )
        .select_related("receipt__shipment", "shipment_line__pledge__offer_line")
        .prefetch_related(reader_translations("shipment_line__pledge__offer_line"))
        .order_by("receipt__received_on", "pk")
    )
    items = []
    for line in lines:
        shipment = line.receipt.shipment
        partnership = partnerships[shipment.partnership_id]
        item = shown(line.shipment_line.pledge.offer_line, "item").text
        items.append(
            WorkItem(
                kind=_("Resolve the discrepancy"),
                title=f"{shipment}: {item}",
                url=reverse("aid:discrepancy_resolve", args=[partnership.slug, line.pk]),
                partnership=partnership,
            )
        )
    return items


def deadline_work(user, memberships) -> list[WorkItem]:
    """Needs of an office's own side not yet covered whose needed-by date is near or past."""
    offices = with_role(memberships, Role.COORDINATOR, Role.STAFF)
    if not offices:
        return []
    partnerships, sides = _scope(offices)
    soon = timezone.localdate() + timedelta(days=DEADLINE_DAYS)
    needs = (
        with_status(
            Need.objects.filter(
                partnership_id__in=partnerships, side_id__in=sides, needed_by__lte=soon
            )
        )
        .filter(status__in=(NeedStatus.OPEN, NeedStatus.PARTLY_COVERED))
        .prefetch_related(reader_translations())
        .order_by("needed_by", "pk")
    )
    return [
        WorkItem(
            kind=_("Needed soon, not yet covered"),
            title=shown(need, "title").text,
            url=reverse("aid:need_detail", args=[partnerships[need.partnership_id].slug, need.pk]),
            partnership=partnerships[need.partnership_id],
            due=need.needed_by,
        )
        for need in needs
    ]
