"""Aid pages: needs: the list, posting and correcting a need, its page with coverage and
matching offers, its decisions, and confirming a pledge (from a need's or an offer's page)."""

import rules
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from pobratym.core.changes import kept_page
from pobratym.core.confirm import Confirmation, confirmation_page
from pobratym.core.errors import DomainError, require
from pobratym.core.forms import form_data, refuse, status_of, submit
from pobratym.core.listing import filters_of, listed
from pobratym.partnerships.access import partnership_for
from pobratym.translation.selectors import shown

from .. import selectors, services
from ..forms.lines import lines_asked, lines_shown_again
from ..forms.needs import (
    NeedCreateForm,
    NeedEditForm,
    NeedFilterForm,
    NeedLineForm,
    PledgeForm,
    line_formset,
    shown_again,
)
from ..models import NeedStatus

PAGE_SIZE = 50
VIEW = "aid.view_need"
STATUS_LABELS = dict(NeedStatus.choices)
SORTS = {
    "title": ("title",),
    "institution": ("institution",),
    "area": ("area",),
    "priority": ("urgency",),
    "needed_by": ("needed_by",),
}


def with_progress(record):
    """Shipped and received as None where they are not counted (yet), so pages can tell
    "nothing shipped" from "not tracked"."""
    record.shipped = getattr(record, "shipped", None)
    record.received = getattr(record, "received", None)
    return record


def _shown(need):
    need.status_label = STATUS_LABELS.get(need.status, need.status)
    return with_progress(need)


def _need(request, slug: str, need_id: int, permission: str | None = None):
    partnership = partnership_for(request, slug, VIEW)
    need = selectors.need_detail(viewer=request.user, need_id=need_id, partnership=partnership)
    if permission:
        require(request.user, permission, need)
    return partnership, _shown(need)


@login_required
@require_GET
def need_list(request, slug: str):
    partnership = partnership_for(request, slug, VIEW)
    form = NeedFilterForm(request.GET or None)

    def context() -> dict:
        needs = selectors.need_list(
            viewer=request.user, partnership=partnership, filters=filters_of(form)
        )
        values = listed(request, form, needs, SORTS, PAGE_SIZE)
        page = values["page"]
        page.object_list = [_shown(need) for need in page.object_list]
        return {"partnership": partnership, "head_title": f"{_('Needs')} · {partnership}", **values}

    return kept_page(request, "aid/needs/list.html", context, status=status_of(form))


def _lines_invalid(lines) -> bool:
    return lines.is_bound and bool(lines.total_error_count())


@login_required
@require_http_methods(["GET", "POST"])
def need_create(request, slug: str):
    partnership = partnership_for(request, slug, "aid.add_need")
    if lines_asked(request.POST):
        form = shown_again(NeedCreateForm, request.POST)
        lines = lines_shown_again(NeedLineForm, request.POST)
    else:
        form = NeedCreateForm(form_data(request))
        lines = line_formset(NeedLineForm, form_data(request))
        if request.method == "POST" and lines.is_valid():
            need = submit(
                request,
                form,
                lambda: services.need_create(
                    partnership=partnership,
                    by=request.user,
                    lines=[line.cleaned_data for line in lines.filled()],
                    **form.cleaned_data,
                ),
            )
            if need is not None:
                messages.success(request, _("The need was posted."))
                return redirect("aid:need_detail", slug=slug, need_id=need.pk)
        elif request.method == "POST":
            form.is_valid()  # show the need's own errors along with the lines'
    context = {"partnership": partnership, "form": form, "lines": lines}
    status = 400 if _lines_invalid(lines) else status_of(form)
    return render(request, "aid/needs/form.html", context, status=status)


def pledge_form(request, match) -> PledgeForm:
    """A pledge form for one match, filled in with the most that can still be pledged, and
    labelled by the pair so that several on one page keep apart."""
    initial = {
        "offer_line": match.offer_line.pk,
        "need_line": match.need_line.pk,
        "quantity": match.quantity,
        "next": request.get_full_path(),
    }
    auto_id = f"pledge-{match.offer_line.pk}-{match.need_line.pk}-%s"
    return PledgeForm(initial=initial, auto_id=auto_id)


def _suggestions(request, need) -> list[dict]:
    """The need's matches (`selectors.match_list`), each with a pledge form filled in with
    what can still be pledged, for those who may confirm."""
    may_confirm = rules.has_perm("aid.confirm_pledge", request.user, need)
    return [
        {
            "offer_line": match.offer_line,
            "need_line": match.need_line,
            "form": pledge_form(request, match) if may_confirm else None,
        }
        for match in selectors.match_list(viewer=request.user, need=need)
    ]


@login_required
@require_GET
def need_detail(request, slug: str, need_id: int):
    partnership = partnership_for(request, slug, VIEW)

    def context() -> dict:
        need = _shown(
            selectors.need_detail(viewer=request.user, need_id=need_id, partnership=partnership)
        )
        lines = [with_progress(line) for line in need.coverage]
        return {
            "partnership": partnership,
            "head_title": f"{shown(need, 'title').text} · {partnership}",
            "need": need,
            "lines": lines,
            "tracks_delivery": any(line.shipped is not None for line in lines),
            "pledges": list(selectors.pledge_list(viewer=request.user, need=need)),
            "suggestions": _suggestions(request, need),
        }

    return kept_page(request, "aid/needs/detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def need_edit(request, slug: str, need_id: int):
    partnership, need = _need(request, slug, need_id, "aid.change_need")
    form = NeedEditForm(form_data(request), instance=need, sensitive=need.sensitive_shown)
    if submit(
        request,
        form,
        lambda: services.need_update(need=need, by=request.user, **form.cleaned_data),
    ):
        messages.success(request, _("The need was saved."))
        return redirect("aid:need_detail", slug=slug, need_id=need.pk)
    context = {"partnership": partnership, "form": form, "need": need}
    return render(request, "aid/needs/edit.html", context, status=status_of(form))


@login_required
@require_POST
def need_publish(request, slug: str, need_id: int):
    """Show the need in the public portal and open data (public=1), or take it back."""
    need = _need(request, slug, need_id, "aid.publish_need")[1]
    if request.POST.get("public") not in ("0", "1"):
        reason = _("Say whether the need should be public or not.")
        return render(request, "400.html", {"reason": reason}, status=400)
    public = request.POST.get("public") == "1"
    services.need_publish(need=need, by=request.user, public=public)
    if public:
        messages.success(request, _("The need is now public."))
    else:
        messages.success(request, _("The need is no longer public."))
    return redirect("aid:need_detail", slug=slug, need_id=need.pk)


ENDINGS = {
    "close": (services.need_close, _("The need was closed.")),
    "cancel": (services.need_cancel, _("The need was cancelled.")),
}


def _end(request, slug: str, need_id: int, ending: str):
    """Ask first (GET), then close or cancel (POST): ending a need cannot be undone."""
    partnership, need = _need(request, slug, need_id, "aid.change_need")
    error, status = "", 200
    if request.method == "POST":
        service, done = ENDINGS[ending]
        try:
            service(need=need, by=request.user)
        except DomainError as refused:
            error, status = refused.message, refused.status
        else:
            messages.success(request, done)
            return redirect("aid:need_detail", slug=slug, need_id=need.pk)
    back = reverse("aid:need_detail", kwargs={"slug": slug, "need_id": need.pk})
    if ending == "close":
        confirmation = Confirmation(
            title=_("Close the need “%(title)s”?") % {"title": need.title},
            action=_("Yes, close the need"),
            consequences=[
                _(
                    "Close a need when it has been served, or when the rest is no longer "
                    "pursued. Nothing more can be pledged to it."
                )
            ],
            back=back,
            error=error,
        )
    else:
        confirmation = Confirmation(
            title=_("Cancel the need “%(title)s”?") % {"title": need.title},
            action=_("Yes, cancel the need"),
            consequences=[
                _(
                    "Cancel a need that is no longer wanted. Pledges already made stay on "
                    "record; nothing more can be pledged to it."
                )
            ],
            back=back,
            error=error,
        )
    return confirmation_page(
        request, confirmation, status=status, partnership=partnership, need=need
    )


@login_required
@require_http_methods(["GET", "POST"])
def need_close(request, slug: str, need_id: int):
    return _end(request, slug, need_id, "close")


@login_required
@require_http_methods(["GET", "POST"])
def need_cancel(request, slug: str, need_id: int):
    return _end(request, slug, need_id, "cancel")


@login_required
@require_POST
def pledge_confirm(request, slug: str):
    """A coordinator of the receiving side confirms that part of an offer line serves a need
    line. A form sent again confirms the pledge made the first time; the same lines with
    another quantity are refused as already pledged: the person is told and taken back,
    nothing is pledged twice."""
    partnership = partnership_for(request, slug, VIEW)
    form = PledgeForm(request.POST)
    form.is_valid()
    data = form.cleaned_data
    offer_line = need_line = None
    if "offer_line" in data and "need_line" in data:
        offer_line, need_line = selectors.pledge_lines(
            viewer=request.user,
            partnership=partnership,
            offer_line_id=data["offer_line"],
            need_line_id=data["need_line"],
        )
        require(request.user, "aid.confirm_pledge", need_line.need)
    back = _safe_next(data.get("next"), partnership, need_line)
    if need_line is not None and not form.errors:
        try:
            services.pledge_confirm(
                offer_line=offer_line,
                need_line=need_line,
                quantity=data["quantity"],
                by=request.user,
            )
        except DomainError as error:
            if error.code == "already_pledged":
                messages.info(request, error.message)
                return redirect(back)
            refuse(form, error)
        else:
            messages.success(request, _("The pledge was confirmed."))
            return redirect(back)
    context = {
        "partnership": partnership,
        "form": form,
        "offer_line": offer_line,
        "need_line": need_line,
        "back": back,
    }
    return render(request, "aid/needs/pledge.html", context, status=status_of(form))


def _safe_next(target, partnership, need_line) -> str:
    """The page the form was sent from if it is an address on this site (never another
    site's), else the need's page, else the list of needs."""
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts=None):
        return target
    if need_line is not None:
        return reverse("aid:need_detail", args=[partnership.slug, need_line.need_id])
    return reverse("aid:need_list", args=[partnership.slug])
