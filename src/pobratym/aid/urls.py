"""Every aid page's address, in one list."""

from django.urls import path

from .views import dashboard, lines, needs, offers, receipts, shipments, spreadsheets

app_name = "aid"

aid = "partnerships/<slug:slug>/aid/"
need = f"{aid}needs/<id:need_id>/"
offer = f"{aid}offers/<id:offer_id>/"
shipment = f"{aid}shipments/<id:shipment_id>/"
receipt = f"{shipment}receipt/"

urlpatterns = [
    # needs and pledges
    path(f"{aid}needs/", needs.need_list, name="need_list"),
    path(f"{aid}needs/new/", needs.need_create, name="need_create"),
    path(f"{aid}needs/new/line/", lines.need_line, name="need_line"),
    path(need, needs.need_detail, name="need_detail"),
    path(f"{need}edit/", needs.need_edit, name="need_edit"),
    path(f"{need}publish/", needs.need_publish, name="need_publish"),
    path(f"{need}close/", needs.need_close, name="need_close"),
    path(f"{need}cancel/", needs.need_cancel, name="need_cancel"),
    path(f"{aid}pledges/confirm/", needs.pledge_confirm, name="pledge_confirm"),
    # offers
    path(f"{aid}offers/", offers.offer_list, name="offer_list"),
    path(f"{aid}offers/new/", offers.offer_create, name="offer_create"),
    path(f"{aid}offers/new/line/", lines.offer_line, name="offer_line"),
    path(offer, offers.offer_detail, name="offer_detail"),
    path(f"{offer}decide/", offers.offer_decide, name="offer_decide"),
    # shipments
    path(f"{aid}shipments/", shipments.shipment_list, name="shipment_list"),
    path(f"{aid}shipments/new/", shipments.shipment_create, name="shipment_create"),
    path(shipment, shipments.shipment_detail, name="shipment_detail"),
    path(f"{shipment}edit/", shipments.shipment_edit, name="shipment_edit"),
    path(f"{shipment}load/", shipments.shipment_load, name="shipment_load"),
    path(f"{shipment}packages/", shipments.package_add, name="package_add"),
    path(f"{shipment}packages/line/", lines.packing_line, name="packing_line"),
    path(
        f"{shipment}packages/<id:package_id>/remove/",
        shipments.package_remove,
        name="package_remove",
    ),
    path(f"{shipment}stages/", shipments.shipment_advance, name="shipment_advance"),
    path(f"{shipment}<slug:document>.pdf", shipments.shipment_document, name="shipment_pdf"),
    # goods received notes and discrepancies
    path(f"{receipt}new/", receipts.receipt_create, name="receipt_create"),
    path(receipt, receipts.receipt_detail, name="receipt_detail"),
    path(f"{receipt}scan/", receipts.receipt_scan, name="receipt_scan"),
    path(f"{receipt}scan/add/", receipts.receipt_scan_add, name="receipt_scan_add"),
    path(f"{receipt}photos/add/", receipts.receipt_photo_add, name="receipt_photo_add"),
    path(f"{receipt}photos/<id:photo_id>/", receipts.receipt_photo, name="receipt_photo"),
    path(
        f"{aid}discrepancies/<id:line_id>/resolve/",
        receipts.discrepancy_resolve,
        name="discrepancy_resolve",
    ),
    path(f"{aid}discrepancies/", receipts.discrepancy_list, name="discrepancy_list"),
    # spreadsheets and open data
    path(f"{aid}needs/template.xlsx", spreadsheets.need_template, name="need_template"),
    path(f"{aid}needs/import/", spreadsheets.need_import, name="need_import"),
    path(f"{aid}needs/export.xlsx", spreadsheets.need_export, name="need_export"),
    path(f"{aid}needs/export.hxl.csv", spreadsheets.need_hxl, name="need_hxl"),
    path(f"{aid}offers/export.xlsx", spreadsheets.offer_export, name="offer_export"),
    path(f"{aid}shipments/export.xlsx", spreadsheets.shipment_export, name="shipment_export"),
    path(
        f"{aid}discrepancies/export.xlsx",
        spreadsheets.discrepancy_export,
        name="discrepancy_export",
    ),
    path(
        f"{aid}packing-list-template.xlsx",
        spreadsheets.packing_list_template,
        name="packing_list_template",
    ),
    path(
        f"{shipment}packing-list/import/",
        spreadsheets.packing_list_import,
        name="packing_list_import",
    ),
    # the dashboard
    path(aid, dashboard.dashboard, name="dashboard"),
]
