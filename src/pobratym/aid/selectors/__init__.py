"""Every read of the aid app, scoped to the viewer, one module per workflow: needs (status,
coverage, matching), offers and pledges, shipments, goods received notes. Callers ask
`selectors.<name>`; the modules share the SQL pieces of `needs`."""

from .needs import (
    FILTERS,
    blank,
    lines_with_coverage,
    matching_needs,
    matching_offers,
    need_detail,
    need_line_coverage,
    need_list,
    with_status,
)
from .offers import offer_detail, offer_list, pledge_lines, pledge_list
from .receipts import (
    DISCREPANCY_KINDS,
    described,
    discrepancy_get,
    discrepancy_list,
    receipt_detail,
    receipt_notice,
    receipt_photo_get,
    receipt_shipment,
)
from .shipments import loadable_pledges, pledge_choices, shipment_detail, shipment_list

__all__ = [
    "DISCREPANCY_KINDS",
    "FILTERS",
    "blank",
    "described",
    "discrepancy_get",
    "discrepancy_list",
    "lines_with_coverage",
    "loadable_pledges",
    "matching_needs",
    "matching_offers",
    "need_detail",
    "need_line_coverage",
    "need_list",
    "offer_detail",
    "offer_list",
    "pledge_choices",
    "pledge_lines",
    "pledge_list",
    "receipt_detail",
    "receipt_notice",
    "receipt_photo_get",
    "receipt_shipment",
    "shipment_detail",
    "shipment_list",
    "with_status",
]
