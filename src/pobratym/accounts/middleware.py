"""Language from a person's saved preference, and two factors for roles that sign or lead."""

import zoneinfo
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth import logout
from django.http import JsonResponse
from django.middleware.locale import LocaleMiddleware
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from . import two_factor


def use_preferences(request, user) -> None:
    """The person's saved language (unless the address names one) and time zone for this
    request: signed in by the session here, or by an API token once the API knows them."""
    if user.language and not translation.get_language_from_path(request.path_info):
        translation.activate(user.language)
        request.LANGUAGE_CODE = user.language
    timezone.activate(zoneinfo.ZoneInfo(user.time_zone))


class PreferredLanguageLocaleMiddleware(LocaleMiddleware):
    """Like Django's, but a signed-in person's saved language beats cookie and browser;
    their time zone is used for every date and time shown.

    A language in the URL always wins: links stay what they say.
    """

    def process_request(self, request):
        super().process_request(request)
        user = getattr(request, "user", None)
        if user and user.is_authenticated:
            use_preferences(request, user)
        else:
            timezone.deactivate()

    def process_response(self, request, response):
        # The thread serves other requests (and, in tests, other tests) next.
        timezone.deactivate()
        return super().process_response(request, response)


class RequireTwoFactorMiddleware:
    """Whoever must use two factors sets up TOTP before anything else, and every session of
    theirs has passed it, whatever door it came through (the site, the admin, the API)."""

    # allauth asks for the password again before TOTP setup: that page must stay reachable.
    setup_url_names = (
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
            not user.is_authenticated
            or request.path_info.startswith(("/static/", "/media/"))
            or not two_factor.must_use_two_factors(user)
        ):
            return self.get_response(request)
        if not two_factor.has_second_factor(user):
            if self._is_setup_page(request):
                return self.get_response(request)
            message = _("Your role requires two-factor login. Please set it up to continue.")
            return self._refuse(request, message, redirect("mfa_activate_totp"))
        if not two_factor.passed_second_factor(request):
            # Signed in by a door that skipped the second factor: that session ends here.
            logout(request)
            message = _("Please sign in again, with your second factor.")
            login_url = f"{reverse('account_login')}?{urlencode({'next': request.get_full_path()})}"
            return self._refuse(request, message, redirect(login_url))
        return self.get_response(request)

    def _refuse(self, request, message: str, page_response):
        if request.path_info.startswith("/api/"):
            return JsonResponse({"code": "two_factor_required", "message": message}, status=403)
        messages.warning(request, message)
        return page_response

    def _is_setup_page(self, request) -> bool:
        return any(request.path_info == reverse(name) for name in self.setup_url_names)
