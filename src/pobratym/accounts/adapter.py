"""How allauth behaves here: no open sign-up, people land in their own language, and failed
sign-ins are throttled per account and address, so nobody can lock another person out."""

from allauth.account.adapter import DefaultAccountAdapter
from django import forms
from django.conf import settings
from django.core.cache import cache
from django.shortcuts import resolve_url
from django.utils import translation

from .models import User
from .tasks import failed_logins_notify_task

# One e-mail per account and address while their sign-ins are paused (the rate's window).
NOTICE_SECONDS = 5 * 60


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

    def _get_login_attempts_cache_key(self, request, **credentials) -> str:
        """Count failed sign-ins per account and address: wrong passwords typed elsewhere
        never lock the owner out."""
        key = super()._get_login_attempts_cache_key(request, **credentials)
        return f"{key}:{self.get_client_ip(request)}"

    def pre_authenticate(self, request, **credentials) -> None:
        try:
            super().pre_authenticate(request, **credentials)
        except forms.ValidationError:
            self._tell_owner_once(request, credentials.get("email", ""))
            raise

    def _tell_owner_once(self, request, email: str) -> None:
        person = User.objects.filter(email__iexact=email, is_active=True).first()
        address = self.get_client_ip(request)
        if person and cache.add(f"failed-logins-told:{person.pk}:{address}", 1, NOTICE_SECONDS):
            failed_logins_notify_task.enqueue(person.pk, address)
