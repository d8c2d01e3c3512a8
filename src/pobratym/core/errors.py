"""The one error type for broken business rules, and the permission check services use."""

import rules
from django.core.exceptions import PermissionDenied, ValidationError


class DomainError(Exception):
    """A business rule was broken: `code` is stable for machines, `message` is translated."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def require(user, permission: str, obj=None) -> None:
    """Raise PermissionDenied unless `user` holds `permission` on `obj`."""
    if not (user and rules.has_perm(permission, user, obj)):
        raise PermissionDenied(permission)


def validate(instance, **options) -> None:
    """Run the model's validation; a broken rule becomes a DomainError with the model's
    own translated messages, so every caller handles one error type."""
    try:
        instance.full_clean(**options)
    except ValidationError as error:
        raise DomainError("invalid", " ".join(error.messages)) from error
