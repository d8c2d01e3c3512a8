"""One empty item line of the need, offer and package forms, for "Add a line" (htmx); asked
by the same people as the form itself."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from pobratym.partnerships.access import partnership_for

from .. import selectors
from ..forms.lines import line_form, line_index
from ..forms.needs import NeedLineForm
from ..forms.offers import OfferLineForm
from ..forms.shipments import PackingLineForm
from .offers import _need_offered_for
from .shipments import CHANGE, _shipment


def _line(request, form_class, lines_action: str = "", **kwargs):
    """Line N of a form's lines; its "Remove" sends the form to `lines_action` (the form's
    own address when empty)."""
    index = line_index(request.GET)
    if index is None:
        reason = _("No more item lines can be added.")
        return render(request, "400.html", {"reason": reason}, status=400)
    line = line_form(form_class, index, **kwargs)
    context = {"line": line, "index": index, "lines_action": lines_action}
    return render(request, "aid/partials/line_added.html", context)


@login_required
@require_GET
def need_line(request, slug: str):
    partnership_for(request, slug, "aid.add_need")
    return _line(request, NeedLineForm)


@login_required
@require_GET
def offer_line(request, slug: str):
    """An offer's line; for an offer for a need (?need=), it links to the need's lines."""
    partnership = partnership_for(request, slug, "aid.add_offer")
    need = _need_offered_for(request, partnership)
    need_lines = need.coverage if need is not None else ()
    return _line(request, OfferLineForm, form_kwargs={"need_lines": need_lines})


@login_required
@require_GET
def packing_line(request, slug: str, shipment_id: int):
    """A package's packing line, offering the shipment's pledges still to load."""
    _partnership, shipment = _shipment(request, slug, shipment_id, CHANGE)
    pledges = list(selectors.loadable_pledges(viewer=request.user, shipment=shipment))
    return _line(
        request,
        PackingLineForm,
        lines_action=reverse("aid:package_add", args=[slug, shipment.pk]),
        form_kwargs={"pledges": pledges},
    )
