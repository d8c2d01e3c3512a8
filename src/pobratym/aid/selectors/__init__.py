"""Every read of the aid app, scoped to the viewer, one module per workflow: needs (status,
coverage), matching of offers and needs, offers and pledges, shipments, goods received notes,
and the dashboard's figures. Callers ask `selectors.<name>`; the modules share the SQL pieces
of `needs`."""

from .dashboard import Dashboard, aid_dashboard, aid_public_figures
from .matching import Match, match_list
from .needs import (
    FILTERS,
    blank,
    lines_with_coverage,
    need_detail,
    need_line_coverage,
    need_list,
    public_open_needs,
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
    "Dashboard",
    "Match",
    "aid_dashboard",
    "aid_public_figures",
    "blank",
    "described",
    "discrepancy_get",
    "discrepancy_list",
    "lines_with_coverage",
    "loadable_pledges",
    "match_list",
    "need_detail",
    "need_line_coverage",
    "need_list",
    "offer_detail",
    "offer_list",
    "pledge_choices",
    "pledge_lines",
    "pledge_list",
    "public_open_needs",
    "receipt_detail",
    "receipt_notice",
    "receipt_photo_get",
    "receipt_shipment",
    "shipment_detail",
    "shipment_list",
    "with_status",
]
