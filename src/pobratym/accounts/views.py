"""A person's own settings: the language switcher and the profile page."""

from allauth.mfa.totp.views import ActivateTOTPView as AllauthActivateTOTPView
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_http_methods, require_POST
from django.views.i18n import set_language as django_set_language

from pobratym.core.forms import form_data

from . import services, two_factor
from .links import account_links
from .models import User, time_zone_choices


@require_POST
def set_language(request):
    """Switch the language of this visit and, for a signed-in person, remember it."""
    language = request.POST.get("language", "")
    if language not in dict(settings.LANGUAGES):
        return render(
            request, "400.html", {"reason": _("This language is not available.")}, status=400
        )
    if request.user.is_authenticated:
        services.user_set_language(user=request.user, language=language)
    return django_set_language(request)


class ProfileForm(forms.ModelForm):
    time_zone = forms.TypedChoiceField(label=_lazy("Time zone"), choices=time_zone_choices)

    class Meta:
        model = User
        fields = ["name", "language", "time_zone"]


@login_required
@require_http_methods(["GET", "POST"])
def profile(request):
    form = ProfileForm(form_data(request), instance=request.user)
    if request.method == "POST" and form.is_valid():
        services.user_update_profile(user=request.user, **form.cleaned_data)
        messages.success(request, _("Your settings were saved."))
        return redirect("profile")
    context = {"form": form, "links": account_links()}
    return render(request, "accounts/profile.html", context, status=400 if form.errors else 200)


class ActivateTOTPView(AllauthActivateTOTPView):
    """allauth's TOTP setup; the code typed to set it up is this session's second factor."""

    def form_valid(self, form):
        response = super().form_valid(form)
        two_factor.record_setup_as_passed(self.request)
        return response
