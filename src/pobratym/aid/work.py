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

from .models import DEPARTED, Closure, Need, Offer, OfferStatus, ReceiptLine, Shipment
from .selectors.needs import still_wanted
from .selectors.receipts import _discrepant

# A need shows in My work from this many days before its needed-by date (and after it).
DEADLINE_DAYS = 14
OFFICE = (Role.COORDINATOR, Role.STAFF)


def _scope(memberships, *roles):
    """The partnership ids and sides where the person has one of `roles`, or None."""
    chosen = with_role(memberships, *roles)
    if not chosen:
        return None
    return [m.partnership_id for m in chosen], [m.side_id for m in chosen]


def _partnerships(memberships) -> dict:
    return {membership.partnership_id: membership.partnership for membership in memberships}


def _title(need) -> str:
    return shown(need, "title").text


def offers_pending(user, memberships):
    """Open offers for a coordinator's side: a free offer to accept or decline, an offer
    for a need to confirm as a pledge (which accepts it); as `aid.decide_offer` allows."""
    if (scope := _scope(memberships, Role.COORDINATOR)) is None:
        return None
    partnerships, sides = scope
    return (
        Offer.objects.filter(partnership_id__in=partnerships, status=OfferStatus.OPEN)
        .filter(Q(need__side_id__in=sides) | Q(need__isnull=True) & ~Q(side_id__in=sides))
        .exclude(need__closure__in=(Closure.CLOSED, Closure.CANCELLED))
        .select_related("need", "donor")
    )


def offer_items(offers, memberships) -> list[WorkItem]:
    partnerships = _partnerships(memberships)
    items = []
    for offer in offers:
        partnership = partnerships[offer.partnership_id]
        url = reverse("aid:offer_detail", args=[partnership.slug, offer.pk])
        if offer.need is None:
            items.append(
                WorkItem(_("Decide on the offer"), url, partnership, text=offer.donor.name)
            )
            continue
        items.append(
            WorkItem(
                _("Confirm the pledge"),
                url,
                partnership,
                due=offer.need.needed_by,
                record=offer.need,
                describe=lambda need, donor=offer.donor.name: f"{donor}: {_title(need)}",
                load=(reader_translations(),),
            )
        )
    return items


def receipts_pending(user, memberships):
    """Shipments on their way to an office's side with no goods received note yet."""
    if (scope := _scope(memberships, *OFFICE)) is None:
        return None
    partnerships, sides = scope
    return Shipment.objects.filter(
        partnership_id__in=partnerships, status__in=DEPARTED, receipt__isnull=True
    ).exclude(side_id__in=sides)


def receipt_items(shipments, memberships) -> list[WorkItem]:
    partnerships = _partnerships(memberships)
    return [
        WorkItem(
            _("Write the goods received note"),
            reverse(
                "aid:receipt_create", args=[partnerships[shipment.partnership_id].slug, shipment.pk]
            ),
            partnerships[shipment.partnership_id],
            due=shipment.planned_arrival,
            text=str(shipment),
        )
        for shipment in shipments
    ]


def discrepancies_pending(user, memberships):
    """Received lines not as shipped and not yet resolved, for either side's offices."""
    if (scope := _scope(memberships, *OFFICE)) is None:
        return None
    partnerships, _sides = scope
    return ReceiptLine.objects.filter(
        _discrepant(),
        receipt__shipment__partnership_id__in=partnerships,
        resolved_at__isnull=True,
    ).select_related("receipt__shipment", "shipment_line__pledge__offer_line")


def _discrepancy_title(shipment):
    return lambda offer_line: f"{shipment}: {shown(offer_line, 'item').text}"


def discrepancy_items(lines, memberships) -> list[WorkItem]:
    partnerships = _partnerships(memberships)
    items = []
    for line in lines:
        shipment = line.receipt.shipment
        partnership = partnerships[shipment.partnership_id]
        items.append(
            WorkItem(
                _("Resolve the discrepancy"),
                reverse("aid:discrepancy_resolve", args=[partnership.slug, line.pk]),
                partnership,
                record=line.shipment_line.pledge.offer_line,
                describe=_discrepancy_title(shipment),
                load=(reader_translations(),),
            )
        )
    return items


def deadlines_pending(user, memberships):
    """Needs of an office's own side not yet covered whose needed-by date is near or past."""
    if (scope := _scope(memberships, *OFFICE)) is None:
        return None
    partnerships, sides = scope
    soon = timezone.localdate() + timedelta(days=DEADLINE_DAYS)
    return still_wanted(
        Need.objects.filter(partnership_id__in=partnerships, side_id__in=sides, needed_by__lte=soon)
    )


def deadline_items(needs, memberships) -> list[WorkItem]:
    partnerships = _partnerships(memberships)
    return [
        WorkItem(
            _("Needed soon, not yet covered"),
            reverse("aid:need_detail", args=[partnerships[need.partnership_id].slug, need.pk]),
            partnerships[need.partnership_id],
            due=need.needed_by,
            record=need,
            describe=_title,
            load=(reader_translations(),),
        )
        for need in needs
    ]
