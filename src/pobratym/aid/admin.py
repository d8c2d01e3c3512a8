"""The operator's admin for aid: for reading and, rarely, correcting a record entered by
mistake; every correction is kept in the history. Records are made only through the services
(with their checks), so nothing is added here, and what ties a record to a partnership, side,
pledge or shipment cannot be changed."""

from django.contrib import admin

from pobratym.core.admin import MadeByServices

from .models import (
    GoodsReceivedNote,
    Need,
    NeedLine,
    Offer,
    OfferLine,
    Package,
    Pledge,
    ReceiptLine,
    Shipment,
    ShipmentLine,
)


class NeedLines(admin.TabularInline):
    model = NeedLine
    fields = ["item", "specification", "quantity", "unit"]
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Need)
class NeedAdmin(MadeByServices):
    bound = ("partnership", "side", "created_by", "public")
    list_display = ["title", "partnership", "sector", "priority", "institution", "closure"]
    list_filter = ["sector", "priority", "kind", "partnership"]
    search_fields = ["title", "institution"]
    inlines = [NeedLines]


class OfferLines(admin.TabularInline):
    model = OfferLine
    fields = ["item", "quantity", "unit", "condition", "estimated_value", "expires_on"]
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Offer)
class OfferAdmin(MadeByServices):
    # The donor is an organisation of the directory, corrected there.
    bound = (
        "partnership",
        "side",
        "donor",
        "need",
        "status",
        "created_by",
        "decided_by",
        "decided_at",
    )
    list_display = ["donor", "partnership", "status", "created_at"]
    list_select_related = ["donor", "partnership"]
    list_filter = ["status", "donor__kind", "partnership"]
    search_fields = ["donor__name"]
    inlines = [OfferLines]


@admin.register(Pledge)
class PledgeAdmin(MadeByServices):
    bound = ("offer_line", "need_line", "quantity", "confirmed_by", "confirmed_at")
    list_display = ["need_line", "offer_line", "quantity", "confirmed_at"]


class Packages(admin.TabularInline):
    model = Package
    fields = ["number", "kind", "gross_weight", "volume", "marks"]
    readonly_fields = ["number"]
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Shipment)
class ShipmentAdmin(MadeByServices):
    bound = ("partnership", "side", "carrier", "status", "created_by")
    list_display = ["__str__", "partnership", "status", "departed_on", "arrived_on"]
    list_filter = ["status", "partnership"]
    search_fields = ["reference", "carrier__name"]
    inlines = [Packages]


@admin.register(ShipmentLine)
class ShipmentLineAdmin(MadeByServices):
    bound = ("shipment", "pledge", "package", "quantity")
    list_display = ["shipment", "pledge", "quantity"]


@admin.register(GoodsReceivedNote)
class GoodsReceivedNoteAdmin(MadeByServices):
    bound = ("shipment", "recorded_by", "scan")
    list_display = ["number", "shipment", "received_on", "received_by"]
    search_fields = ["number"]


@admin.register(ReceiptLine)
class ReceiptLineAdmin(MadeByServices):
    bound = ("receipt", "shipment_line", "quantity", "state", "resolved_by", "resolved_at")
    list_display = ["receipt", "shipment_line", "quantity", "state", "resolved_at"]
    list_filter = ["state"]
