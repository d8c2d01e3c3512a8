"""The one error type for broken business rules, and the permission check services use."""

import rules
from django.core.exceptions import PermissionDenied, ValidationError


class DomainError(Exception):
    """A business rule was broken: `code` is stable for machines, `message` is translated,
    `field` names the form field it concerns (None: the form as a whole)."""

    status = 400

    def __init__(self, code: str, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.field = field


class Conflict(DomainError):
    """The request clashes with the record's state: it was already done, decided or changed
    meanwhile, or a retry came with other content. The API answers 409."""

    status = 409


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
