"""Aid pages: the goods received note of a shipment, its scan and photos (sent only through a
permission check), and the partnership's discrepancies until someone settles them."""

import rules
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from pobratym.core.changes import kept_page
from pobratym.core.downloads import private_file
from pobratym.core.errors import require
from pobratym.core.forms import form_data, form_files, status_of, submit
from pobratym.partnerships.access import partnership_for

from .. import selectors, services
from ..forms.receipts import PhotoForm, ReceiptForm, ResolveForm, ScanForm
from ..models import DEPARTED

VIEW = "aid.view_shipment"
RECEIVE = "aid.receive_shipment"
RESOLVE = "aid.resolve_discrepancy"
PAGE_SIZE = 50


def _link(name: str, *args) -> str:
    """The address of another area's page, or "" while that page does not exist."""
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return ""


def _traced(partnership, rows) -> None:
    """Links from each line to the offer and need it came from."""
    for row in rows:
        pledge = row.shipment_line.pledge
        row.offer_url = _link("aid:offer_detail", partnership.slug, pledge.offer_line.offer_id)
        row.need_url = _link("aid:need_detail", partnership.slug, pledge.need_line.need_id)


def _receipt(request, slug: str, shipment_id: int, permission: str | None = None):
    partnership = partnership_for(request, slug, VIEW)
    receipt = selectors.receipt_detail(
        viewer=request.user, partnership=partnership, shipment_id=shipment_id
    )
    if permission:
        require(request.user, permission, receipt)
    return partnership, receipt


def _to_detail(slug: str, shipment_id: int):
    return redirect("aid:receipt_detail", slug=slug, shipment_id=shipment_id)


@login_required
@require_http_methods(["GET", "POST"])
def receipt_create(request, slug: str, shipment_id: int):
    """The receiving side's office writes what arrived, line by line, in one go."""
    partnership = partnership_for(request, slug, VIEW)
    shipment = selectors.receipt_shipment(
        viewer=request.user, partnership=partnership, shipment_id=shipment_id
    )
    require(request.user, RECEIVE, shipment)
    if request.method == "GET" and shipment.existing_receipt:
        return _to_detail(slug, shipment_id)
    form = ReceiptForm(form_data(request), form_files(request), shipment_lines=shipment.line_rows)
    if submit(
        request,
        form,
        lambda: services.receipt_record(
            shipment=shipment, by=request.user, **form.service_arguments()
        ),
    ):
        messages.success(request, _("The goods received note was recorded."))
        return _to_detail(slug, shipment_id)
    existing = None
    if status_of(form) == 409:
        # Recorded meanwhile, likely by a form sent twice: point to the note recorded first.
        existing = selectors.receipt_shipment(
            viewer=request.user, partnership=partnership, shipment_id=shipment_id
        ).existing_receipt
    context = {
        "partnership": partnership,
        "shipment": shipment,
        "form": form,
        "existing": existing,
        "departed": shipment.status in DEPARTED,
        "shipment_url": _link("aid:shipment_detail", slug, shipment.pk),
    }
    return render(request, "aid/receipts/create.html", context, status=status_of(form))


def _detail(request, partnership, load, photo_form=None, scan_form=None):
    """The note's page, its body kept until anything is written (`kept_page`);
    `load()` gives the note. A form sent with errors is shown again, rendered afresh."""

    def context() -> dict:
        receipt = load()
        _traced(partnership, receipt.line_rows)
        number = _("Goods received note %(number)s") % {"number": receipt.number}
        return {
            "partnership": partnership,
            "head_title": f"{number} · {partnership}",
            "receipt": receipt,
            "shipment": receipt.shipment,
            "can_receive": rules.has_perm(RECEIVE, request.user, receipt),
            "can_resolve": rules.has_perm(RESOLVE, request.user, partnership),
            "photo_form": photo_form or PhotoForm(receipt_lines=receipt.line_rows),
            "scan_form": scan_form or ScanForm(),
            "shipment_url": _link("aid:shipment_detail", partnership.slug, receipt.shipment_id),
            "open_lines": [line for line in receipt.line_rows if line.open],
        }

    sent = photo_form or scan_form
    status = status_of(sent) if sent is not None else 200
    return kept_page(request, "aid/receipts/detail.html", context, status=status)


@login_required
@require_GET
def receipt_detail(request, slug: str, shipment_id: int):
    partnership = partnership_for(request, slug, VIEW)

    def load():
        return selectors.receipt_detail(
            viewer=request.user, partnership=partnership, shipment_id=shipment_id
        )

    return _detail(request, partnership, load)


@login_required
@require_POST
def receipt_photo_add(request, slug: str, shipment_id: int):
    partnership, receipt = _receipt(request, slug, shipment_id, RECEIVE)
    form = PhotoForm(request.POST, request.FILES, receipt_lines=receipt.line_rows)
    if submit(
        request,
        form,
        lambda: services.receipt_photo_add(
            receipt=receipt,
            by=request.user,
            upload=form.cleaned_data["photo"],
            line=form.chosen_line(),
        ),
    ):
        messages.success(request, _("The photo was added."))
        return _to_detail(slug, shipment_id)
    return _detail(request, partnership, lambda: receipt, photo_form=form)


@login_required
@require_POST
def receipt_scan_add(request, slug: str, shipment_id: int):
    """Attach the signed note when it comes later than the record, or replace it."""
    partnership, receipt = _receipt(request, slug, shipment_id, RECEIVE)
    form = ScanForm(request.POST, request.FILES)
    if submit(
        request,
        form,
        lambda: services.receipt_scan_set(
            receipt=receipt, by=request.user, upload=form.cleaned_data["scan"]
        ),
    ):
        messages.success(request, _("The scan was added."))
        return _to_detail(slug, shipment_id)
    return _detail(request, partnership, lambda: receipt, scan_form=form)


@login_required
@require_GET
def receipt_scan(request, slug: str, shipment_id: int):
    """The signed note, only to members; scans never have a public address."""
    return private_file(_receipt(request, slug, shipment_id)[1].scan)


@login_required
@require_GET
def receipt_photo(request, slug: str, shipment_id: int, photo_id: int):
    receipt = _receipt(request, slug, shipment_id)[1]
    photo = selectors.receipt_photo_get(receipt=receipt, photo_id=photo_id)
    return private_file(photo.file, inline_image=True)


@login_required
@require_http_methods(["GET", "POST"])
def discrepancy_resolve(request, slug: str, line_id: int):
    """Record how a discrepancy was settled; either side's office may, once it is."""
    partnership = partnership_for(request, slug, VIEW)
    line = selectors.discrepancy_get(viewer=request.user, partnership=partnership, line_id=line_id)
    require(request.user, RESOLVE, line)
    form = ResolveForm(form_data(request))
    if submit(
        request,
        form,
        lambda: services.discrepancy_resolve(
            line=line, by=request.user, resolution=form.cleaned_data["resolution"]
        ),
    ):
        messages.success(request, _("The discrepancy is resolved."))
        if request.POST.get("back") == "list":
            return redirect("aid:discrepancy_list", slug=slug)
        return _to_detail(slug, line.receipt.shipment_id)
    context = {"partnership": partnership, "line": line, "form": form}
    return render(request, "aid/receipts/resolve.html", context, status=status_of(form))


@login_required
@require_GET
def discrepancy_list(request, slug: str):
    partnership = partnership_for(request, slug, VIEW)

    def context() -> dict:
        lines = selectors.discrepancy_list(viewer=request.user, partnership=partnership)
        return {
            "partnership": partnership,
            "head_title": f"{_('Open discrepancies')} · {partnership}",
            "page": Paginator(lines, PAGE_SIZE).get_page(request.GET.get("page")),
            "can_resolve": rules.has_perm(RESOLVE, request.user, partnership),
        }

    return kept_page(request, "aid/receipts/discrepancies.html", context)
