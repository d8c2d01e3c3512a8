"""Aid pages: offers: the list, making an offer (freely or for a need), its page with the
needs it could serve, and the receiving side's decision on it."""

import rules
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from pobratym.core.changes import kept_page
from pobratym.core.confirm import Confirmation, confirmation_page
from pobratym.core.errors import DomainError, require
from pobratym.core.forms import form_data, status_of, submit
from pobratym.core.inputs import parse_id
from pobratym.core.listing import kept_list
from pobratym.partnerships.access import partnership_for
from pobratym.translation.selectors import shown

from .. import selectors, services
from ..forms.lines import lines_asked, lines_shown_again
from ..forms.needs import line_formset, shown_again
from ..forms.offers import OfferFilterForm, OfferForm, OfferLineForm
from ..models import OfferStatus
from .needs import pledge_form

PAGE_SIZE = 50
VIEW = "partnerships.view_partnership"
SORTS = {
    "donor": ("donor__name",),
    "side": ("side__city__name",),
    "need": ("need__title",),
    "lines": ("line_count",),
    "value": ("total_value",),
    "status": ("status",),
    "offered": ("created_at",),
}


@login_required
@require_GET
def offer_list(request, slug: str):
    partnership = partnership_for(request, slug, VIEW)
    form = OfferFilterForm(request.GET or None)
    return kept_list(
        request,
        "aid/offers/list.html",
        _("Offers"),
        partnership,
        form,
        selectors.offer_list,
        SORTS,
        PAGE_SIZE,
    )


def _need_offered_for(request, partnership):
    """The need named by ?need=, as the viewer may see it; 404 for one they may not."""
    written = request.GET.get("need", "")
    if not written:
        return None
    need_id = parse_id(written)
    if need_id is None:
        raise Http404
    return selectors.need_detail(viewer=request.user, need_id=need_id, partnership=partnership)


@login_required
@require_http_methods(["GET", "POST"])
def offer_create(request, slug: str):
    partnership = partnership_for(request, slug, "aid.add_offer")
    need = _need_offered_for(request, partnership)
    need_lines = need.coverage if need is not None else ()
    kwargs = {"form_kwargs": {"need_lines": need_lines}}
    asked = {"partnership": partnership, "viewer": request.user}
    if lines_asked(request.POST):
        form = shown_again(OfferForm, request.POST, **asked)
        lines = lines_shown_again(OfferLineForm, request.POST, **kwargs)
    else:
        form = OfferForm(form_data(request), **asked)
        initial = None
        if need is not None and request.method == "GET":
            # Offer what is still outstanding, line by line; the donor changes what differs.
            initial = [
                {
                    "item": line.item,
                    "quantity": line.outstanding,
                    "unit": line.unit,
                    "need_line": str(line.pk),
                }
                for line in need_lines
                if line.outstanding > 0
            ]
        lines = line_formset(OfferLineForm, form_data(request), initial=initial, **kwargs)
        if request.method == "POST" and lines.is_valid():
            offer = submit(
                request,
                form,
                lambda: services.offer_create(
                    partnership=partnership,
                    by=request.user,
                    need=need,
                    lines=[line.line() for line in lines.filled()],
                    **form.cleaned_data,
                ),
            )
            if offer is not None:
                messages.success(request, _("The offer was made."))
                return redirect("aid:offer_detail", slug=slug, offer_id=offer.pk)
        elif request.method == "POST":
            form.is_valid()  # show the offer's own errors along with the lines'
    context = {"partnership": partnership, "form": form, "lines": lines, "need": need}
    lines_invalid = lines.is_bound and lines.total_error_count()
    return render(
        request, "aid/offers/form.html", context, status=400 if lines_invalid else status_of(form)
    )


def _matches(request, offer) -> list[dict]:
    """The offer's matches (`selectors.match_list`), each with a pledge form filled in with
    the most that can be pledged, for those who may confirm."""
    matches = []
    for match in selectors.match_list(viewer=request.user, offer=offer):
        may_confirm = rules.has_perm("aid.confirm_pledge", request.user, match.need_line.need)
        form = pledge_form(request, match) if may_confirm else None
        matches.append({"need_line": match.need_line, "offer_line": match.offer_line, "form": form})
    return matches


@login_required
@require_GET
def offer_detail(request, slug: str, offer_id: int):
    partnership = partnership_for(request, slug, VIEW)

    def context() -> dict:
        offer = selectors.offer_detail(
            viewer=request.user, partnership=partnership, offer_id=offer_id
        )
        donor = shown(offer.donor, "name").text
        return {
            "partnership": partnership,
            "head_title": f"{_('Offer')} · {donor} · {partnership}",
            "offer": offer,
            "pledges": list(selectors.pledge_list(viewer=request.user, offer=offer)),
            "matches": _matches(request, offer),
        }

    return kept_page(request, "aid/offers/detail.html", context)


DECISIONS = {
    "accept": (services.offer_accept, _("The offer was accepted.")),
    "decline": (services.offer_decline, _("The offer was declined.")),
}


@login_required
@require_http_methods(["GET", "POST"])
def offer_decide(request, slug: str, offer_id: int):
    """The receiving side's coordinator accepts or declines an offer (decision=accept or
    decline); declining is asked first (GET). An offer decided already stays as it is, and
    the person is told."""
    partnership = partnership_for(request, slug, VIEW)
    offer = selectors.offer_detail(viewer=request.user, partnership=partnership, offer_id=offer_id)
    require(request.user, "aid.decide_offer", offer)
    if request.method == "GET":
        return confirmation_page(
            request, _decline_confirmation(offer, slug), partnership=partnership, carried=DECLINE
        )
    decision = DECISIONS.get(request.POST.get("decision", ""))
    if decision is None:
        messages.error(request, _("Choose to accept or to decline the offer."))
        return redirect("aid:offer_detail", slug=slug, offer_id=offer.pk)
    service, done = decision
    try:
        service(offer=offer, by=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, done)
    return redirect("aid:offer_detail", slug=slug, offer_id=offer.pk)


DECLINE = [("decision", "decline")]


def _decline_confirmation(offer, slug: str) -> Confirmation:
    return Confirmation(
        title=_("Decline the offer of %(donor)s?") % {"donor": shown(offer.donor, "name").text},
        action=_("Yes, decline the offer"),
        consequences=[
            _("The offer is marked as declined, with your name and today's date."),
            _("Nothing of a declined offer can be pledged to a need."),
        ],
        back=reverse("aid:offer_detail", args=[slug, offer.pk]),
        error="" if offer.status == OfferStatus.OPEN else _("This offer has already been decided."),
    )
