"""The one error type for broken business rules, and the permission check services use."""

import json

import rules
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.serializers.json import DjangoJSONEncoder


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


class Stale(Conflict):
    """An edit was built on an older revision of the record than the one stored: someone
    changed it meanwhile. `current` is the record as it is now, `fields` the fields the edit
    may set; nothing was written."""

    def __init__(self, code: str, message: str, *, current, fields) -> None:
        super().__init__(code, message)
        self.current = current
        self.fields = tuple(fields)

    def current_values(self) -> dict:
        """The stored record as plain JSON values: its revision and the editable fields
        (a related record by its id), for the API's 409 body."""
        values = {"revision": self.current.revision}
        for name in self.fields:
            field = self.current._meta.get_field(name)
            values[name] = getattr(self.current, field.attname)
        return json.loads(json.dumps(values, cls=DjangoJSONEncoder))


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
