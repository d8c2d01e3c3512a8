"""Pages of invitations: the offices choose contacts to invite; the invitee answers through
the secret link of their e-mail, without an account, in their language."""

from zoneinfo import ZoneInfo

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from pobratym.core.errors import DomainError
from pobratym.core.forms import form_data, status_of, submit
from pobratym.translation.selectors import with_translations

from .. import services
from ..forms.participants import InvitationForm
from ..models import Event, Reply
from ..selectors.participants import contact_choices
from ..services.invitations import invitation_by_token
from .events import _event, _to_event


@login_required
@require_http_methods(["GET", "POST"])
def invitation_send(request, slug: str, event_id: int):
    partnership, event = _event(request, slug, event_id, "exchanges.add_invitation")
    form = InvitationForm(
        form_data(request),
        contacts=contact_choices(viewer=request.user, event=event, with_email=True),
    )
    invitations = submit(
        request,
        form,
        lambda: services.invitations_send(
            event=event,
            contacts=form.cleaned_data["contacts"],
            by=request.user,
            idempotency_key=form.cleaned_data["idempotency_key"],
        ),
    )
    if invitations is not None:
        new = sum(1 for invitation in invitations if invitation.created_now)
        message = ngettext(
            "%(count)d invitation is being sent.", "%(count)d invitations are being sent.", new
        ) % {"count": new}
        if len(invitations) > new:
            message += " " + ngettext(
                "%(count)d person had been invited before and gets no second e-mail.",
                "%(count)d people had been invited before and get no second e-mail.",
                len(invitations) - new,
            ) % {"count": len(invitations) - new}
        messages.success(request, message)
        return _to_event(slug, event.pk, "invitations")
    invited = set(event.invitations.values_list("contact_id", flat=True))
    context = {"partnership": partnership, "event": event, "form": form, "invited": invited}
    return render(request, "exchanges/invitation_form.html", context, status=status_of(form))


def _no_store(response):
    # The page's address is a secret: kept by no cache, not indexed.
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    response["Referrer-Policy"] = "no-referrer"
    return response


@never_cache
@require_http_methods(["GET", "POST"])
def invitation_reply(request, reply_token: str):
    """The invitee's page (no sign-in): the event in the page's language, and yes, no or
    maybe; an unknown or altered link, or one of an erased person, is not found."""
    invitation = invitation_by_token(reply_token)
    if invitation is None:
        raise Http404
    error, status = "", 200
    if request.method == "POST":
        try:
            services.invitation_reply(invitation=invitation, reply=request.POST.get("reply", ""))
        except DomainError as refused:
            error, status = refused.message, refused.status
        else:
            messages.success(request, _("Thank you, your answer was recorded."))
            return _no_store(redirect(request.path))
    event = (
        with_translations(Event.objects.filter(pk=invitation.event_id))
        .select_related("partnership", "host_side__city")
        .get()
    )
    context = {
        "invitation": invitation,
        "event": event,
        "replies": Reply.choices,
        "over": event.ends_at < timezone.now(),
        "error": error,
    }
    with timezone.override(ZoneInfo(event.time_zone)):
        response = render(request, "exchanges/invitation_reply.html", context, status=status)
    return _no_store(response)
