"""The API's rate limits: requests per minute per personal API token and per client address,
counted in the database (`core.rates`, no other service) in fixed one-minute windows. Beyond
a limit the API answers 429 with `Retry-After`, the seconds left in the window."""

import math
import time

from allauth.account.adapter import get_adapter
from django.conf import settings
from django.core.exceptions import PermissionDenied
from ninja.throttling import BaseThrottle

from pobratym.core.rates import counted
from pobratym.partnerships.models import ApiToken

WINDOW = 60  # seconds


def _seconds_left() -> int:
    return max(1, math.ceil(WINDOW - time.time() % WINDOW))


class _PerMinute(BaseThrottle):
    """One count per identity and minute; the limit is read from the settings per request,
    so an operator's change (and a test's) applies at once. Stateless between requests: a
    throttle object serves every thread."""

    scope = ""
    setting = ""

    def identity(self, request) -> str | None:
        raise NotImplementedError

    def allow_request(self, request) -> bool:
        identity = self.identity(request)
        if identity is None:
            return True
        count = counted(f"api:{self.scope}:{identity}", int(time.time() // WINDOW))
        return count <= getattr(settings, self.setting)

    def wait(self) -> float:
        return _seconds_left()


class PerToken(_PerMinute):
    scope = "token"
    setting = "POBRATYM_API_REQUESTS_PER_TOKEN"

    def identity(self, request) -> str | None:
        token = getattr(request, "auth", None)
        return str(token.pk) if isinstance(token, ApiToken) else None


class PerAddress(_PerMinute):
    """Every request from one client address (behind a proxy, as the sign-in throttle reads
    it: TRUSTED_PROXY_COUNT), with a token or a session or neither."""

    scope = "address"
    setting = "POBRATYM_API_REQUESTS_PER_ADDRESS"

    def identity(self, request) -> str | None:
        try:
            return get_adapter(request).get_client_ip(request)
        except PermissionDenied:
            return "unknown"


LIMITS = [PerToken(), PerAddress()]
