"""Aid pages: shipments, planned, loaded with pledges, packed, tracked stage by stage, and
their papers as bilingual PDFs."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from pobratym.core.changes import remembered_body
from pobratym.core.confirm import Confirmation, confirmation_page
from pobratym.core.errors import DomainError, require
from pobratym.core.forms import form_data, refuse, status_of, submit
from pobratym.core.listing import kept_list
from pobratym.partnerships.access import partnership_for

from .. import selectors, services
from ..documents import DOCUMENTS, shipment_pdf
from ..forms.lines import lines_asked, lines_posted, lines_shown_again
from ..forms.needs import line_formset, shown_again
from ..forms.shipments import (
    AdvanceForm,
    LoadForm,
    PackageForm,
    PackingLineForm,
    ShipmentCreateForm,
    ShipmentEditForm,
    ShipmentFilterForm,
)
from ..models import DEPARTED, Package, Shipment, ShipmentStatus

PAGE_SIZE = 50
VIEW = "aid.view_shipment"
SORTS = {
    "reference": ("reference",),
    "status": ("status",),
    "side": ("side__city__name",),
    "carrier": ("carrier__name",),
    "planned_departure": ("planned_departure",),
    "planned_arrival": ("planned_arrival",),
    "departed": ("departed_on",),
    "arrived": ("arrived_on",),
    "packages": ("package_count",),
    "weight": ("total_weight",),
}
CHANGE = "aid.change_shipment"


def _shipment(request, slug: str, shipment_id: int, permission: str = VIEW):
    partnership = partnership_for(request, slug, VIEW)
    shipment = get_object_or_404(Shipment, partnership=partnership, pk=shipment_id)
    require(request.user, permission, shipment)
    return partnership, shipment


def _to_detail(slug: str, shipment_id: int):
    return redirect("aid:shipment_detail", slug=slug, shipment_id=shipment_id)


@login_required
@require_GET
def shipment_list(request, slug: str):
    partnership = partnership_for(request, slug, VIEW)
    form = ShipmentFilterForm(request.GET or None)
    return kept_list(
        request,
        "aid/shipments/list.html",
        _("Shipments"),
        partnership,
        form,
        selectors.shipment_list,
        SORTS,
        PAGE_SIZE,
    )


@login_required
@require_http_methods(["GET", "POST"])
def shipment_create(request, slug: str):
    partnership = partnership_for(request, slug, "aid.add_shipment")
    form = ShipmentCreateForm(form_data(request), partnership=partnership)
    shipment = submit(
        request,
        form,
        lambda: services.shipment_create(
            partnership=partnership, by=request.user, **form.cleaned_data
        ),
    )
    if shipment is not None:
        messages.success(request, _("The shipment was planned."))
        return _to_detail(slug, shipment.pk)
    context = {"partnership": partnership, "form": form}
    return render(request, "aid/shipments/form.html", context, status=status_of(form))


@login_required
@require_http_methods(["GET", "POST"])
def shipment_edit(request, slug: str, shipment_id: int):
    partnership, shipment = _shipment(request, slug, shipment_id, CHANGE)
    form = ShipmentEditForm(form_data(request), instance=shipment, partnership=partnership)
    saved = submit(
        request,
        form,
        lambda: services.shipment_update(shipment=shipment, by=request.user, **form.cleaned_data),
    )
    if saved is not None:
        messages.success(request, _("The shipment was saved."))
        return _to_detail(slug, shipment.pk)
    context = {"partnership": partnership, "form": form, "shipment": shipment}
    return render(request, "aid/shipments/form.html", context, status=status_of(form))


def _detail(request, partnership, shipment_id: int, status: int = 200, **forms):
    """The shipment's page, its body kept until anything is written (`remembered_body`); a
    form sent with errors is shown again in its place, rendered afresh."""

    def context() -> dict:
        shipment = selectors.shipment_detail(
            viewer=request.user, partnership=partnership, shipment_id=shipment_id
        )
        can_change = request.user.has_perm(CHANGE, shipment)
        loading = shipment.status in services.LOADING
        packages = Package.objects.filter(shipment=shipment)
        loadable = (
            list(selectors.loadable_pledges(viewer=request.user, shipment=shipment))
            if can_change and loading
            else []
        )
        return {
            "partnership": partnership,
            "head_title": f"{shipment} · {_('Shipments')} · {partnership}",
            "shipment": shipment,
            "can_change": can_change,
            "loading": loading,
            # The goods received note is written once the goods have left and until it exists.
            "receivable": shipment.status in DEPARTED
            and shipment.status != ShipmentStatus.RECEIPT_CONFIRMED,
            "time_zone": timezone.get_current_timezone_name(),
            "loadable": loadable,
            "load_form": forms.get("load_form")
            or LoadForm(pledges=selectors.pledge_choices(shipment=shipment), packages=packages),
            "package_form": forms.get("package_form") or PackageForm(),
            # The package form's packing lines (`aid/_lines.html`), added and removed in place.
            "lines": forms.get("lines") or _packing_lines(loadable),
            "lines_action": reverse("aid:package_add", args=[partnership.slug, shipment.pk]),
            "advance_form": forms.get("advance_form") or AdvanceForm(current=shipment.status),
        }

    body = remembered_body(request, "aid/shipments/detail.html", context)
    return render(request, "aid/shipments/page.html", body, status=status)


@login_required
@require_GET
def shipment_detail(request, slug: str, shipment_id: int):
    partnership = partnership_for(request, slug, VIEW)
    return _detail(request, partnership, shipment_id)


def _posted(request, slug, shipment, partnership, name: str, form, action, done: str):
    """Run a form of the shipment page: back to the page on success, else the page again
    with the form's errors (400, or 409 for a conflict), nothing changed."""
    if submit(request, form, action) is not None:
        messages.success(request, done)
        return _to_detail(slug, shipment.pk)
    return _detail(request, partnership, shipment.pk, status=status_of(form), **{name: form})


@login_required
@require_POST
def shipment_load(request, slug: str, shipment_id: int):
    """Set how much of a pledge is in a package, or loose; 0 unloads it."""
    partnership, shipment = _shipment(request, slug, shipment_id, CHANGE)
    form = LoadForm(
        request.POST,
        pledges=selectors.pledge_choices(shipment=shipment),
        packages=Package.objects.filter(shipment=shipment),
    )

    def load():
        services.shipment_line_set(shipment=shipment, by=request.user, **form.cleaned_data)
        return True

    return _posted(
        request, slug, shipment, partnership, "load_form", form, load, _("The load was saved.")
    )


def _packing_lines(pledges, data=None, **kwargs):
    return line_formset(PackingLineForm, data, form_kwargs={"pledges": pledges, **kwargs})


@login_required
@require_POST
def package_add(request, slug: str, shipment_id: int):
    """Add a package with its packing lines; "Add a line" and "Remove" (without JavaScript,
    or htmx swapping only the lines) show the form again instead."""
    partnership, shipment = _shipment(request, slug, shipment_id, CHANGE)
    pledges = list(selectors.loadable_pledges(viewer=request.user, shipment=shipment))
    if lines_asked(request.POST):
        form = shown_again(PackageForm, request.POST)
        lines = lines_shown_again(PackingLineForm, request.POST, form_kwargs={"pledges": pledges})
        return _detail(request, partnership, shipment.pk, package_form=form, lines=lines)
    form = PackageForm(request.POST)
    # A page without pledges to load shows no lines; the package is added empty then.
    known = selectors.pledge_choices(shipment=shipment)
    posted = lines_posted(request.POST)
    lines = _packing_lines(pledges, request.POST, known=known) if posted else None
    if lines is not None and not lines.is_valid():
        form.is_valid()  # show the package's own errors along with the lines'
        return _detail(
            request, partnership, shipment.pk, status=400, package_form=form, lines=lines
        )

    def add():
        packed = [line.cleaned_data for line in lines.filled()] if lines is not None else []
        return services.package_add(
            shipment=shipment, by=request.user, lines=packed, **form.cleaned_data
        )

    if submit(request, form, add) is not None:
        messages.success(request, _("The package was added."))
        return _to_detail(slug, shipment.pk)
    return _detail(
        request, partnership, shipment.pk, status=status_of(form), package_form=form, lines=lines
    )


@login_required
@require_http_methods(["GET", "POST"])
def package_remove(request, slug: str, shipment_id: int, package_id: int):
    """Remove a package (asked first on GET); what was in it stays loaded, loose."""
    partnership, shipment = _shipment(request, slug, shipment_id, CHANGE)
    package = get_object_or_404(Package.objects.select_related("shipment"), pk=package_id)
    if package.shipment_id != shipment.pk:
        raise Http404
    if request.method == "GET":
        confirmation = Confirmation(
            title=_("Remove package %(number)s?") % {"number": package.number},
            action=_("Yes, remove the package"),
            consequences=[
                _("The package is taken off the shipment %(shipment)s.") % {"shipment": shipment},
                _("What was in it stays loaded on the shipment, loose."),
            ],
            back=reverse("aid:shipment_detail", args=[slug, shipment.pk]) + "#packages",
        )
        return confirmation_page(request, confirmation, partnership=partnership)
    try:
        services.package_remove(package=package, by=request.user)
    except DomainError as error:
        form = _with_error(PackageForm(data={}), error)
        return _detail(request, partnership, shipment.pk, status=status_of(form), package_form=form)
    messages.success(request, _("The package was removed; its contents stay loaded, loose."))
    return _to_detail(slug, shipment.pk)


def _with_error(form, error: DomainError):
    """A form carrying only a service's refusal (for an action without fields of its own)."""
    form.full_clean()
    form.errors.clear()
    refuse(form, error)
    return form


@login_required
@require_POST
def shipment_advance(request, slug: str, shipment_id: int):
    """Record the stage the shipment reached, with its time and a note."""
    partnership, shipment = _shipment(request, slug, shipment_id, CHANGE)
    form = AdvanceForm(request.POST, current=shipment.status)

    def advance():
        return services.shipment_advance(
            shipment=shipment,
            by=request.user,
            status=form.cleaned_data["status"],
            occurred_at=form.cleaned_data["occurred_at"],
            note=form.cleaned_data["note"],
        )

    return _posted(
        request,
        slug,
        shipment,
        partnership,
        "advance_form",
        form,
        advance,
        _("The stage was recorded."),
    )


@login_required
@require_GET
def shipment_document(request, slug: str, shipment_id: int, document: str):
    """A packing list, waybill or donation certificate, German | Ukrainian."""
    if document not in DOCUMENTS:
        raise Http404
    partnership = partnership_for(request, slug, VIEW)
    shipment = selectors.shipment_detail(
        viewer=request.user, partnership=partnership, shipment_id=shipment_id
    )
    filename, pdf = shipment_pdf(shipment=shipment, document=document)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(False, filename)
    response["Cache-Control"] = "private, no-store"
    return response
