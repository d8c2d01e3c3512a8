"""The shipments list as a spreadsheet: one row per shipment with its packages' totals."""

from django.utils.translation import gettext as _

from pobratym.core.chunks import one_by_one
from pobratym.core.spreadsheets import in_readers_language
from pobratym.translation.selectors import with_translations

from ..models import Shipment
from ..selectors import shipment_list
from .writing import readers_text


def _label(name):
    return Shipment._meta.get_field(name).verbose_name


def shipment_table(*, viewer, partnership) -> tuple[list, list]:
    """Headers and rows of the shipments list the viewer may see (members only), the route as
    written and in the reader's language; read a chunk at a time, two queries a chunk."""
    headers = [
        _("Shipment"),
        _label("reference"),
        _label("side"),
        _label("status"),
        _label("carrier"),
        _label("vehicle"),
        _label("route"),
        in_readers_language(_label("route")),
        _label("planned_departure"),
        _label("planned_arrival"),
        _label("departed_on"),
        _label("arrived_on"),
        _("packages"),
        _("gross weight (kg)"),
        _("volume (m³)"),
    ]
    shipments = with_translations(shipment_list(viewer=viewer, partnership=partnership))
    rows = (
        [
            shipment.pk,
            shipment.reference,
            shipment.side.city.name,
            shipment.get_status_display(),
            shipment.carrier.name if shipment.carrier else "",
            shipment.vehicle,
            shipment.route,
            readers_text(shipment, "route"),
            shipment.planned_departure,
            shipment.planned_arrival,
            shipment.departed_on,
            shipment.arrived_on,
            shipment.package_count,
            shipment.total_weight,
            shipment.total_volume,
        ]
        for shipment in one_by_one(shipments)
    )
    return headers, rows
