"""What an organisation took part in, in aid, on its page in the directory: the offers it made
as donor, the pledges confirmed of them, and the shipments it carried or that carried its
gifts (registered in apps.py with `directory.involvement`).

Each section asks the permission its records' pages ask (offers: membership; needs, where a
pledge is shown; shipments), and shows only what those pages show everyone who passes it:
titles, dates and stages, never a need's address or whether it serves critical
infrastructure. Three or four queries a section, however many records there are.
"""

import rules
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from pobratym.core import formatting
from pobratym.directory.involvement import ROWS, Row, Section
from pobratym.translation.selectors import reader_translations, shown

from .models import Offer, Pledge, Shipment, ShipmentLine


def _slug(organisation) -> str:
    return organisation.partnership.slug


def _need_title(need) -> str:
    return shown(need, "title").text


def offers(viewer, organisation) -> Section | None:
    """The offers the organisation made as donor, newest first."""
    if not rules.has_perm("partnerships.view_partnership", viewer, organisation.partnership):
        return None
    found = Offer.objects.filter(donor=organisation)
    total = found.count()
    if not total:
        return None
    newest = (
        found.select_related("need")
        .prefetch_related(reader_translations("need"))
        .order_by("-created_at", "-pk")[:ROWS]
    )
    rows = [
        Row(
            title=(
                _("Offer for “%(title)s”") % {"title": _need_title(offer.need)}
                if offer.need
                else _("Free offer")
            ),
            when=offer.created_at,
            status=offer.get_status_display(),
            url=reverse("aid:offer_detail", args=[_slug(organisation), offer.pk]),
        )
        for offer in newest
    ]
    return Section(_("Offers"), rows, total)


def pledges(viewer, organisation) -> Section | None:
    """The quantities of its offers pledged to needs, newest first, linked to each need."""
    if not rules.has_perm("aid.view_need", viewer, organisation.partnership):
        return None
    found = Pledge.objects.filter(offer_line__offer__donor=organisation)
    total = found.count()
    if not total:
        return None
    newest = (
        found.select_related("offer_line", "need_line__need")
        .prefetch_related(reader_translations("offer_line"), reader_translations("need_line__need"))
        .order_by("-confirmed_at", "-pk")[:ROWS]
    )
    rows = []
    for pledge in newest:
        offer_line, need = pledge.offer_line, pledge.need_line.need
        amount = formatting.quantity(pledge.quantity, offer_line.unit)
        item = shown(offer_line, "item").text
        rows.append(
            Row(
                title=_("%(amount)s %(item)s for “%(need)s”")
                % {"amount": amount, "item": item, "need": _need_title(need)},
                when=pledge.confirmed_at,
                status=pgettext("pledge", "confirmed"),
                url=reverse("aid:need_detail", args=[_slug(organisation), need.pk]),
            )
        )
    return Section(_("Pledges"), rows, total)


def shipments(viewer, organisation) -> Section | None:
    """The shipments it carried, or that carried what it gave, newest first."""
    if not rules.has_perm("aid.view_shipment", viewer, organisation.partnership):
        return None
    gifts = ShipmentLine.objects.filter(
        shipment=OuterRef("pk"), pledge__offer_line__offer__donor=organisation
    )
    found = Shipment.objects.filter(Q(carrier=organisation) | Q(Exists(gifts)))
    total = found.count()
    if not total:
        return None
    rows = [
        Row(
            title=str(shipment),
            when=shipment.departed_on or shipment.planned_departure or shipment.created_at,
            status=shipment.get_status_display(),
            url=reverse("aid:shipment_detail", args=[_slug(organisation), shipment.pk]),
            role=_("carrier") if shipment.carrier_id == organisation.pk else _("goods it gave"),
        )
        for shipment in found.order_by("-created_at", "-pk")[:ROWS]
    ]
    return Section(_("Shipments"), rows, total)
