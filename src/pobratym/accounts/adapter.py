"""How allauth behaves here: no open sign-up, and people land in their own language."""

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.shortcuts import resolve_url
from django.utils import translation


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request) -> bool:
        return False

    def get_login_redirect_url(self, request) -> str:
        """After signing in, go to the start page in the person's saved language."""
        language = getattr(request.user, "language", "") or translation.get_language()
        with translation.override(language):
            return resolve_url(settings.LOGIN_REDIRECT_URL)

    def get_logout_redirect_url(self, request) -> str:
        """After signing out, show the sign-in page in the language the person just used,
        so the "signed out" message and the page speak the same language."""
        return resolve_url("account_login")
