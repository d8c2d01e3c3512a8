"""Language from a person's saved preference, and two factors for roles that sign or lead."""

import zoneinfo

from allauth.mfa.models import Authenticator
from allauth.mfa.utils import is_mfa_enabled
from django.contrib import messages
from django.http import JsonResponse
from django.middleware.locale import LocaleMiddleware
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from pobratym.partnerships.selectors import user_requires_two_factor


class PreferredLanguageLocaleMiddleware(LocaleMiddleware):
    """Like Django's, but a signed-in person's saved language beats cookie and browser;
    their time zone is used for every date and time shown.

    A language in the URL always wins: links stay what they say.
    """

    def process_request(self, request):
        super().process_request(request)
        user = getattr(request, "user", None)
        language = getattr(user, "language", "") if user and user.is_authenticated else ""
        if language and not translation.get_language_from_path(request.path_info):
            translation.activate(language)
            request.LANGUAGE_CODE = language
        if user and user.is_authenticated:
            timezone.activate(zoneinfo.ZoneInfo(user.time_zone))
        else:
            timezone.deactivate()

    def process_response(self, request, response):
        # The thread serves other requests (and, in tests, other tests) next.
        timezone.deactivate()
        return super().process_response(request, response)


class RequireTwoFactorMiddleware:
    """Coordinators and signatories must set up TOTP before they do anything else."""

    # allauth asks for the password again before TOTP setup: that page must stay reachable.
    allowed_url_names = (
        "mfa_activate_totp",
        "account_reauthenticate",
        "mfa_index",
        "mfa_view_recovery_codes",
        "mfa_generate_recovery_codes",
        "mfa_download_recovery_codes",
        "account_logout",
        "set_language",
    )

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            user.is_authenticated
            and not self._is_allowed(request)
            and user_requires_two_factor(user=user)
            and not is_mfa_enabled(user, [Authenticator.Type.TOTP])
        ):
            message = _("Your role requires two-factor login. Please set it up to continue.")
            if request.path_info.startswith("/api/"):
                return JsonResponse({"code": "two_factor_required", "message": message}, status=403)
            messages.warning(request, message)
            return redirect("mfa_activate_totp")
        return self.get_response(request)

    def _is_allowed(self, request) -> bool:
        path = request.path_info
        if path.startswith(("/static/", "/media/")):
            return True
        return any(path == reverse(name) for name in self.allowed_url_names)
