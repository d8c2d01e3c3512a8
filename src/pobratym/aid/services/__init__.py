"""Every change to aid records, one module per workflow: needs, offers and their decisions,
pledges, shipments (with their packages and stages), goods received notes and discrepancies.
Callers ask `services.<name>`; the modules share the helpers of `_common`."""

from .needs import (
    NEED_FIELDS,
    NEED_LINE_FIELDS,
    need_cancel,
    need_close,
    need_create,
    need_publish,
    need_update,
)
from .offers import (
    OFFER_FIELDS,
    OFFER_LINE_FIELDS,
    OPEN_OFFER_STATUSES,
    offer_accept,
    offer_create,
    offer_decline,
)
from .pledges import pledge_confirm
from .receipts import (
    RECEIPT_FIELDS,
    discrepancy_resolve,
    is_discrepancy,
    receipt_photo_add,
    receipt_record,
    receipt_scan_set,
)
from .shipments import (
    LOADING,
    PACKAGE_FIELDS,
    SHIPMENT_FIELDS,
    STAGES,
    package_add,
    package_remove,
    shipment_advance,
    shipment_create,
    shipment_line_set,
    shipment_update,
)

__all__ = [
    "LOADING",
    "NEED_FIELDS",
    "NEED_LINE_FIELDS",
    "OFFER_FIELDS",
    "OFFER_LINE_FIELDS",
    "OPEN_OFFER_STATUSES",
    "PACKAGE_FIELDS",
    "RECEIPT_FIELDS",
    "SHIPMENT_FIELDS",
    "STAGES",
    "discrepancy_resolve",
    "is_discrepancy",
    "need_cancel",
    "need_close",
    "need_create",
    "need_publish",
    "need_update",
    "offer_accept",
    "offer_create",
    "offer_decline",
    "package_add",
    "package_remove",
    "pledge_confirm",
    "receipt_photo_add",
    "receipt_record",
    "receipt_scan_set",
    "shipment_advance",
    "shipment_create",
    "shipment_line_set",
    "shipment_update",
]
