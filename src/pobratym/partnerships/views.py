"""Pages of a partnership: list, dashboard, members, invitations, focus areas, history."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from pobratym.accounts.models import User
from pobratym.accounts.services import has_verified_email
from pobratym.core.changes import kept_page, remembered
from pobratym.core.confirm import Confirmation, confirmation_page
from pobratym.core.errors import DomainError, require
from pobratym.core.forms import form_data, status_of, submit
from pobratym.core.listing import kept_records

from . import panels, selectors, services
from .access import partnership_for
from .forms import FocusAreaForm, InvitationForm, NewAccountForm, PartnershipForm, RoleForm
from .models import FocusArea, Invitation, Membership, Partnership, Role


@login_required
@require_GET
def partnership_list(request):
    partnerships = selectors.partnership_list(viewer=request.user)
    return render(request, "partnerships/list.html", {"partnerships": partnerships})


@login_required
@require_GET
def dashboard(request, slug: str):
    partnership = partnership_for(request, slug)

    def body() -> str:
        """What this person sees of the partnership: theirs alone, so kept per person (and
        language and day) until anything is written (core.changes); no form in it."""
        context = {
            "dashboard": selectors.partnership_dashboard(
                viewer=request.user, partnership=partnership
            ),
            "partnership": partnership,
            "panels": panels.panels_for(request.user, partnership),
        }
        return render_to_string("partnerships/_dashboard_body.html", context, request=request)

    key = f"overview:{request.user.pk}:{partnership.pk}:{get_language()}:{timezone.localdate()}"
    context = {"partnership": partnership, "body": remembered(key, body)}
    return render(request, "partnerships/dashboard.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def partnership_edit(request, slug: str):
    partnership = partnership_for(request, slug, "partnerships.change_partnership")
    was_ended = partnership.status == Partnership.Status.ENDED
    form = PartnershipForm(form_data(request), instance=partnership)
    if _ends_unconfirmed(request, form, was_ended):
        return confirmation_page(
            request,
            Confirmation(
                title=_("End the partnership %(name)s?") % {"name": partnership},
                action=_("Yes, end the partnership"),
                consequences=[
                    _("The partnership is shown as ended to the members of both sides."),
                    _("Its members, agreements, letters and aid records stay as they are."),
                ],
                back=reverse("partnerships:edit", args=[slug]),
                final=False,
            ),
            partnership=partnership,
            carried=[(k, v) for k, v in request.POST.items() if k != "csrfmiddlewaretoken"],
        )
    if submit(
        request,
        form,
        lambda: services.partnership_update(
            partnership=partnership, by=request.user, **form.cleaned_data
        ),
    ):
        messages.success(request, _("The partnership was saved."))
        return redirect("partnerships:dashboard", slug=slug)
    context = {"partnership": partnership, "form": form}
    return render(request, "partnerships/edit.html", context, status=status_of(form))


def _ends_unconfirmed(request, form, was_ended: bool) -> bool:
    """A valid form that ends the partnership, sent without the confirmation page's answer."""
    return (
        request.method == "POST"
        and not was_ended
        and not request.POST.get("confirmed")
        and form.is_valid()
        and form.cleaned_data["status"] == Partnership.Status.ENDED
    )


def _own_membership(request, partnership) -> Membership:
    return Membership.objects.select_related("side").get(partnership=partnership, user=request.user)


def _invitation_form(request, partnership, own: Membership) -> InvitationForm:
    return InvitationForm(
        form_data(request),
        sides=partnership.sides.filter(pk=own.side_id),
        initial={"language": request.LANGUAGE_CODE, "role": Role.STAFF},
    )


@login_required
@require_http_methods(["GET", "POST"])
def members(request, slug: str):
    """The members and open invitations, and the form inviting someone; kept until anything is
    written (`kept_page`): an invitation's expiry, which only the clock changes, lags five
    minutes at most."""
    partnership = partnership_for(request, slug, "partnerships.view_membership")
    own = form = None
    if request.method == "POST":
        own = _own_membership(request, partnership)
        require(request.user, "partnerships.invite_member", own.side)
        form = _invitation_form(request, partnership, own)
        if submit(
            request, form, lambda: services.invitation_create(by=request.user, **form.cleaned_data)
        ):
            messages.success(
                request,
                _("An invitation was sent to %(email)s.") % {"email": form.cleaned_data["email"]},
            )
            return redirect("partnerships:members", slug=slug)

    def context() -> dict:
        mine = own or _own_membership(request, partnership)
        return {
            "partnership": partnership,
            "head_title": f"{_('Members')} · {partnership}",
            "memberships": selectors.membership_list(viewer=request.user, partnership=partnership),
            "invitations": selectors.invitation_pending_list(
                viewer=request.user, partnership=partnership
            ),
            "own": mine,
            "form": form or _invitation_form(request, partnership, mine),
            "role_form": RoleForm(),
            "now": timezone.now(),
            "invitation_days": settings.INVITATION_VALID_DAYS,
        }

    status = status_of(form) if form is not None else 200
    return kept_page(request, "partnerships/members.html", context, status=status)


@login_required
@require_POST
def membership_change(request, slug: str, membership_id: int):
    partnership = partnership_for(request, slug)
    membership = get_object_or_404(Membership, pk=membership_id, partnership=partnership)
    try:
        if "remove" in request.POST:
            services.membership_remove(membership=membership, by=request.user)
            messages.success(request, _("The member was removed."))
        else:
            form = RoleForm(request.POST)
            if not form.is_valid():
                raise DomainError("unknown_role", _("This role does not exist."))
            services.membership_change_role(
                membership=membership, role=form.cleaned_data["role"], by=request.user
            )
            messages.success(request, _("The role was changed."))
    except DomainError as error:
        messages.error(request, error.message)
    return redirect("partnerships:members", slug=slug)


@login_required
@require_http_methods(["GET", "POST"])
def invitation_revoke(request, slug: str, invitation_id: int):
    """Withdraw an invitation (asked first on GET): its link stops working."""
    partnership = partnership_for(request, slug)
    invitation = get_object_or_404(Invitation, pk=invitation_id, partnership=partnership)
    if request.method == "GET":
        require(request.user, "partnerships.revoke_invitation", invitation)
        confirmation = Confirmation(
            title=_("Withdraw the invitation to %(email)s?") % {"email": invitation.email},
            action=_("Yes, withdraw the invitation"),
            consequences=[
                _("The link in the invitation e-mail no longer works."),
                _("To invite the person again, send a new invitation."),
            ],
            back=reverse("partnerships:members", args=[slug]),
        )
        return confirmation_page(request, confirmation, partnership=partnership)
    services.invitation_revoke(invitation=invitation, by=request.user)
    messages.success(request, _("The invitation was withdrawn."))
    return redirect("partnerships:members", slug=slug)


@require_http_methods(["GET", "POST"])
def invitation(request, token: str):
    """Where the link in an invitation e-mail leads: join, with a new account if needed."""
    invitation = get_object_or_404(
        Invitation.objects.select_related("partnership", "side__city"), token=token
    )
    context = {"invitation": invitation}
    try:
        services.invitation_check(invitation)
    except DomainError as error:
        context["error"] = error.message
        return render(request, "partnerships/invitation.html", context, status=error.status)

    user = request.user
    if user.is_authenticated:
        if request.method == "POST":
            try:
                services.invitation_accept(invitation=invitation, user=user)
            except DomainError as error:
                context["error"] = error.message
                return render(request, "partnerships/invitation.html", context, status=error.status)
            messages.success(request, _("Welcome to the partnership."))
            return redirect("partnerships:dashboard", slug=invitation.partnership.slug)
        if not has_verified_email(user=user, email=invitation.email):
            context["error"] = _("This invitation was sent to another e-mail address.")
            return render(request, "partnerships/invitation.html", context, status=403)
        return render(request, "partnerships/invitation.html", context)

    if User.objects.filter(email=invitation.email).exists():
        context["sign_in"] = True
        return render(request, "partnerships/invitation.html", context)
    form = NewAccountForm(
        form_data(request), email=invitation.email, initial={"language": request.LANGUAGE_CODE}
    )
    context["form"] = form
    with transaction.atomic():
        if membership := submit(
            request,
            form,
            lambda: services.invitation_accept_as_new_user(
                invitation=invitation,
                name=form.cleaned_data["name"],
                password=form.cleaned_data["password"],
                language=form.cleaned_data["language"],
            ),
        ):
            login(request, membership.user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, _("Welcome to the partnership."))
            return redirect("partnerships:dashboard", slug=invitation.partnership.slug)
    return render(request, "partnerships/invitation.html", context, status=status_of(form))


@login_required
@require_http_methods(["GET", "POST"])
def focus_areas(request, slug: str):
    partnership = partnership_for(request, slug, "partnerships.manage_focus_areas")
    form = FocusAreaForm(form_data(request))
    if submit(
        request,
        form,
        lambda: services.focus_area_save(
            partnership=partnership, by=request.user, **form.cleaned_data
        ),
    ):
        messages.success(request, _("The focus area was saved."))
        return redirect("partnerships:focus_areas", slug=slug)
    context = {
        "partnership": partnership,
        "form": form,
        "focus_areas": partnership.focus_areas.all(),
    }
    return render(request, "partnerships/focus_areas.html", context, status=status_of(form))


@login_required
@require_http_methods(["GET", "POST"])
def focus_area_delete(request, slug: str, focus_area_id: int):
    """Remove a focus area (asked first on GET)."""
    partnership = partnership_for(request, slug, "partnerships.manage_focus_areas")
    focus_area = get_object_or_404(FocusArea, pk=focus_area_id, partnership=partnership)
    if request.method == "GET":
        confirmation = Confirmation(
            title=_("Remove the focus area “%(name)s”?") % {"name": focus_area.name},
            action=_("Yes, remove the focus area"),
            consequences=[
                _("The focus area is taken off this partnership's list."),
                _("The partnership's history keeps who removed it, and when."),
            ],
            back=reverse("partnerships:focus_areas", args=[slug]),
        )
        return confirmation_page(request, confirmation, partnership=partnership)
    try:
        services.focus_area_delete(focus_area=focus_area, by=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The focus area was removed."))
    return redirect("partnerships:focus_areas", slug=slug)


@login_required
@require_GET
def history(request, slug: str):
    partnership = partnership_for(request, slug, "partnerships.view_history")
    return kept_records(
        request,
        "partnerships/history.html",
        _("Changes"),
        partnership,
        "changes",
        selectors.partnership_history,
    )
