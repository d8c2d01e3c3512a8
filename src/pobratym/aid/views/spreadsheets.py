"""Aid pages: spreadsheets: templates to fill in, all-or-nothing imports with a report of
every problem, and exports of the lists (XLSX, and HXL-tagged CSV for members, streamed)."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods

from pobratym.core.chunks import one_by_one
from pobratym.core.errors import require
from pobratym.core.spreadsheets import csv_stream, xlsx_download, xlsx_response
from pobratym.core.spreadsheets.pages import import_view
from pobratym.partnerships.access import partnership_for

from ..forms.needs import NeedFilterForm
from ..hxl import MEMBER_COLUMNS, hxl_text, member_needs
from ..models import Shipment
from ..spreadsheets import needs as need_sheets
from ..spreadsheets import offers as offer_sheets
from ..spreadsheets import packing
from ..spreadsheets.discrepancies import discrepancy_table
from ..spreadsheets.shipments import shipment_table

VIEW = "aid.view_need"


@login_required
@require_GET
def need_template(request, slug: str):
    partnership = partnership_for(request, slug, VIEW)
    return xlsx_download(f"{partnership.slug}-needs-template.xlsx", need_sheets.need_template())


def _imported_message(result) -> str:
    needs = ngettext("%(count)d need", "%(count)d needs", result.needs) % {"count": result.needs}
    lines = ngettext("%(count)d item line", "%(count)d item lines", result.lines) % {
        "count": result.lines
    }
    message = _("%(needs)s with %(lines)s imported.") % {"needs": needs, "lines": lines}
    if result.earlier:
        message += " " + ngettext(
            "%(count)d need of this file had been imported before and was not created again.",
            "%(count)d needs of this file had been imported before and were not created again.",
            result.earlier,
        ) % {"count": result.earlier}
    return message


@login_required
@require_http_methods(["GET", "POST"])
def need_import(request, slug: str):
    partnership = partnership_for(request, slug, "aid.add_need")
    return import_view(
        request,
        "aid/spreadsheets/need_import.html",
        {"partnership": partnership},
        run=lambda upload: need_sheets.need_import(
            partnership=partnership, by=request.user, upload=upload
        ),
        done=lambda _result: redirect("aid:need_list", slug=partnership.slug),
        message=_imported_message,
    )


@login_required
@require_GET
def need_export(request, slug: str):
    """The needs list as XLSX, with the list page's filters, one row per item line."""
    partnership = partnership_for(request, slug, VIEW)
    form = NeedFilterForm(request.GET)
    if not form.is_valid():
        return HttpResponseBadRequest(_("The filters of this list are not valid."))
    needs = need_sheets.needs_for_export(
        viewer=request.user, partnership=partnership, filters=form.cleaned_data
    )
    # Read a chunk at a time (each with its lines): the workbook writes its rows as they come.
    headers, rows = need_sheets.need_table(one_by_one(needs, need_sheets.CHUNK))
    return xlsx_response(f"{partnership.slug}-needs.xlsx", headers, rows, title=_("Needs"))


@login_required
@require_GET
def offer_export(request, slug: str):
    """The offers list as XLSX, one row per offer line."""
    partnership = partnership_for(request, slug, VIEW)
    offers = offer_sheets.offers_for_export(viewer=request.user, partnership=partnership)
    headers, rows = offer_sheets.offer_table(offers)
    return xlsx_response(f"{partnership.slug}-offers.xlsx", headers, rows, title=_("Offers"))


@login_required
@require_GET
def shipment_export(request, slug: str):
    """The shipments list as XLSX, one row per shipment."""
    partnership = partnership_for(request, slug, "aid.view_shipment")
    headers, rows = shipment_table(viewer=request.user, partnership=partnership)
    return xlsx_response(f"{partnership.slug}-shipments.xlsx", headers, rows, title=_("Shipments"))


@login_required
@require_GET
def discrepancy_export(request, slug: str):
    """The open discrepancies as XLSX, one row per received line not yet settled."""
    partnership = partnership_for(request, slug, "aid.view_shipment")
    headers, rows = discrepancy_table(viewer=request.user, partnership=partnership)
    return xlsx_response(
        f"{partnership.slug}-discrepancies.xlsx", headers, rows, title=_("Open discrepancies")
    )


@login_required
@require_GET
def need_hxl(request, slug: str):
    """The open-data columns over every need the member may see, with the exact address and
    critical-infrastructure mark where their role may see them."""
    partnership = partnership_for(request, slug, VIEW)
    needs = member_needs(viewer=request.user, partnership=partnership)
    response = csv_stream(f"{partnership.slug}-needs.hxl.csv", hxl_text(needs, MEMBER_COLUMNS))
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_GET
def packing_list_template(request, slug: str):
    partnership = partnership_for(request, slug, "aid.view_shipment")
    return xlsx_download(
        f"{partnership.slug}-packing-list-template.xlsx", packing.packing_list_template()
    )


def _packed_message(result) -> str:
    packages = ngettext("%(count)d package", "%(count)d packages", result.packages) % {
        "count": result.packages
    }
    lines = ngettext("%(count)d line", "%(count)d lines", result.lines) % {"count": result.lines}
    return _("%(packages)s with %(lines)s imported.") % {"packages": packages, "lines": lines}


@login_required
@require_http_methods(["GET", "POST"])
def packing_list_import(request, slug: str, shipment_id: int):
    """Pack a shipment still being loaded from a filled-in packing list (its sending office)."""
    partnership = partnership_for(request, slug, "aid.view_shipment")
    shipment = get_object_or_404(Shipment, partnership=partnership, pk=shipment_id)
    require(request.user, "aid.change_shipment", shipment)
    return import_view(
        request,
        "aid/spreadsheets/packing_list_import.html",
        {"partnership": partnership, "shipment": shipment},
        run=lambda upload: packing.packing_list_import(
            shipment=shipment, by=request.user, upload=upload
        ),
        done=lambda _result: redirect(
            "aid:shipment_detail", slug=partnership.slug, shipment_id=shipment.pk
        ),
        message=_packed_message,
    )
