"""A person's own API tokens, linked from their account page: the list, the form that makes
one (its secret shown once, on the answer), and revoking one (asked first)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from pobratym.core.confirm import Confirmation, confirmation_page
from pobratym.core.forms import form_data, status_of, submit

from . import api_tokens, selectors
from .forms import ApiTokenForm


@login_required
@require_http_methods(["GET", "POST"])
def api_token_list(request):
    """The tokens with the form for a new one; a token made shows its secret this once."""
    form = ApiTokenForm(
        form_data(request), partnerships=selectors.partnership_list(viewer=request.user)
    )
    made = submit(
        request,
        form,
        lambda: api_tokens.api_token_create(by=request.user, **form.cleaned_data),
    )
    context = {
        "form": ApiTokenForm(partnerships=form.fields["partnership"].queryset) if made else form,
        "tokens": list(api_tokens.api_tokens(viewer=request.user)),
        "made": made[0] if made else None,
        "secret": made[1] if made else "",
        "example": request.build_absolute_uri(reverse("api:partnership_list")),
    }
    status = 201 if made and made[1] else status_of(form)
    return render(request, "partnerships/api_tokens.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def api_token_revoke(request, token_id: int):
    """Ask first (GET), then revoke the person's own token (POST): it cannot be undone."""
    token = api_tokens.api_token_get(viewer=request.user, token_id=token_id)
    if request.method == "POST":
        api_tokens.api_token_revoke(token=token, by=request.user)
        messages.success(request, _("The token was revoked: it opens nothing any more."))
        return redirect("partnerships:api_tokens")
    confirmation = Confirmation(
        title=_("Revoke the API token “%(name)s”?") % {"name": token.name},
        action=_("Yes, revoke the token"),
        consequences=[
            _("Programs that use it are refused from now on, for good."),
            _("You can make a new token afterwards."),
        ],
        back=reverse("partnerships:api_tokens"),
    )
    return confirmation_page(request, confirmation)
