"""Pages of amendments: proposing one, reading it, and approving, rejecting or withdrawing it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from pobratym.core.errors import require
from pobratym.core.forms import form_data, form_files, status_of, submit

from ..forms import AmendmentForm, ApprovalForm, ReasonForm
from ..selectors import agreements as selectors
from ..services import amendments as services
from .agreements import agreement_for, own_side_id


@login_required
@require_http_methods(["GET", "POST"])
def amendment_create(request, slug: str, agreement_id: int):
    partnership, agreement = agreement_for(
        request, slug, agreement_id, "agreements.propose_amendment"
    )
    form = AmendmentForm(form_data(request))
    if amendment := submit(
        request,
        form,
        lambda: services.amendment_propose(
            agreement=agreement, by=request.user, texts=form.texts()
        ),
    ):
        messages.success(request, _("The amendment was proposed to the other side."))
        return redirect(
            "agreements:amendment",
            slug=slug,
            agreement_id=agreement.pk,
            number=amendment.number,
        )
    return render(
        request,
        "agreements/amendment_form.html",
        {"partnership": partnership, "agreement": agreement, "form": form},
        status=status_of(form),
    )


def _page(request, slug, agreement_id, number, status=200, **forms):
    partnership, agreement = agreement_for(request, slug, agreement_id)
    amendment = selectors.amendment_get(agreement=agreement, number=number)
    approvals = {approval.side_id: approval for approval in amendment.approvals.all()}
    side_id = own_side_id(request, partnership)
    context = {
        "partnership": partnership,
        "agreement": agreement,
        "amendment": amendment,
        "texts": list(amendment.texts.all()),
        "side_approvals": [(side, approvals.get(side.pk)) for side in partnership.sides.all()],
        "own_side_approved": side_id in approvals,
        "is_open": amendment.status == amendment.Status.PROPOSED,
        "approve_form": forms.get("approve_form")
        or ApprovalForm(initial={"fingerprint": amendment.fingerprint}),
        "reject_form": forms.get("reject_form") or ReasonForm(prefix="reject"),
        "withdraw_form": forms.get("withdraw_form") or ReasonForm(prefix="withdraw"),
    }
    return render(request, "agreements/amendment.html", context, status=status)


@login_required
@require_GET
def amendment_detail(request, slug: str, agreement_id: int, number: int):
    return _page(request, slug, agreement_id, number)


def _decide(request, slug, agreement_id, number, permission, form, form_name, act, done):
    """Run one decision on an amendment; on success back to its page with a message, else
    the page again with the form's errors."""
    _partnership, agreement = agreement_for(request, slug, agreement_id)
    amendment = selectors.amendment_get(agreement=agreement, number=number)
    require(request.user, permission, amendment)
    if submit(request, form, lambda: act(amendment, form.cleaned_data)):
        messages.success(request, done)
        return redirect("agreements:amendment", slug=slug, agreement_id=agreement.pk, number=number)
    return _page(request, slug, agreement_id, number, status=status_of(form), **{form_name: form})


@login_required
@require_POST
def amendment_approve(request, slug: str, agreement_id: int, number: int):
    def act(amendment, data):
        return services.amendment_approve(amendment=amendment, by=request.user, **data)

    return _decide(
        request,
        slug,
        agreement_id,
        number,
        "agreements.approve_amendment",
        ApprovalForm(form_data(request), form_files(request)),
        "approve_form",
        act,
        _("Your side's approval was recorded."),
    )


@login_required
@require_POST
def amendment_reject(request, slug: str, agreement_id: int, number: int):
    def act(amendment, data):
        return services.amendment_reject(
            amendment=amendment, by=request.user, reason=data["reason"]
        )

    return _decide(
        request,
        slug,
        agreement_id,
        number,
        "agreements.reject_amendment",
        ReasonForm(form_data(request), prefix="reject"),
        "reject_form",
        act,
        _("The amendment was rejected."),
    )


@login_required
@require_POST
def amendment_withdraw(request, slug: str, agreement_id: int, number: int):
    def act(amendment, data):
        return services.amendment_withdraw(
            amendment=amendment, by=request.user, reason=data["reason"]
        )

    return _decide(
        request,
        slug,
        agreement_id,
        number,
        "agreements.withdraw_amendment",
        ReasonForm(form_data(request), prefix="withdraw"),
        "withdraw_form",
        act,
        _("The amendment was withdrawn."),
    )
