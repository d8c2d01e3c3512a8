"""The open discrepancies as a spreadsheet: one row per received line not yet settled."""

from django.utils.translation import gettext as _

from pobratym.core.chunks import one_by_one
from pobratym.core.spreadsheets import in_readers_language

from ..selectors import discrepancy_list
from .writing import readers_text


def discrepancy_table(*, viewer, partnership) -> tuple[list, list]:
    """Headers and rows of the open discrepancies the viewer may see (members only), item and
    remark as written and in the reader's language; read a chunk at a time, the same
    queries for each chunk."""
    headers = [
        _("Shipment"),
        _("Goods received note"),
        _("Received on"),
        _("Item"),
        in_readers_language(_("Item")),
        _("Unit"),
        _("Donor"),
        _("Shipped"),
        _("Received"),
        _("Discrepancy"),
        _("Remark"),
        in_readers_language(_("Remark")),
    ]
    rows = (
        [
            str(line.receipt.shipment),
            line.receipt.number,
            line.receipt.received_on,
            line.shipment_line.pledge.offer_line.item,
            readers_text(line.shipment_line.pledge.offer_line, "item"),
            line.shipment_line.pledge.offer_line.get_unit_display(),
            line.shipment_line.pledge.offer_line.offer.donor.name,
            line.shipped,
            line.received,
            ", ".join(str(label) for label in line.kind_labels),
            line.remark,
            readers_text(line, "remark"),
        ]
        for line in one_by_one(discrepancy_list(viewer=viewer, partnership=partnership))
    )
    return headers, rows
