"""Who must sign in with two factors, and whether this session has passed the second one.

Operators (staff, superusers) always must; higher layers add their own reasons (a role in a
partnership) with `require_two_factor_when`, from their `AppConfig.ready`.
"""

from collections.abc import Callable

from allauth.account.authentication import get_authentication_records
from allauth.account.internal.flows.login import record_authentication
from allauth.mfa.models import Authenticator
from allauth.mfa.utils import is_mfa_enabled

from .models import User

_reasons: list[Callable[[User], bool]] = [lambda user: user.is_staff or user.is_superuser]


def require_two_factor_when(reason: Callable[[User], bool]) -> None:
    """Add a reason for which a person must sign in with two factors."""
    if reason not in _reasons:
        _reasons.append(reason)


def must_use_two_factors(user: User) -> bool:
    return any(reason(user) for reason in _reasons)


def has_second_factor(user: User) -> bool:
    return is_mfa_enabled(user, [Authenticator.Type.TOTP])


def passed_second_factor(request) -> bool:
    """True when this session answered a second factor (at sign-in or when setting it up)."""
    records = get_authentication_records(request, request.user)
    return any(record.get("method") == "mfa" for record in records)


def record_setup_as_passed(request) -> None:
    """Setting up TOTP proves the factor with a code: the session counts as having passed it."""
    totp = Authenticator.objects.get(user=request.user, type=Authenticator.Type.TOTP)
    record_authentication(request, request.user, "mfa", id=totp.pk, type=totp.type)
