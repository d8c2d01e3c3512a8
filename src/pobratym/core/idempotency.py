"""One way to make a record once, however often the request that makes it is sent.

A creating form carries a hidden key chosen when the page was shown (`IdempotencyKeyField` in
`core.forms`); an API call sends an `Idempotency-Key` header (`idempotency_key_of`). The record
stores the key and a digest of what was asked for. The same key again returns the record made
first; the same key with other content is a `Conflict` (409), never a second record. Two
sendings at the same moment meet at the model's unique constraint on the key (decision 0012).
"""

import uuid
from collections.abc import Callable, Mapping
from typing import TypeVar

from django.db import IntegrityError, models, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .errors import Conflict, DomainError
from .fingerprints import fingerprint


class CreatedOnce(models.Model):
    """A record made at most once per key. Each model adds a unique constraint on the key
    and the fields that scope it (its author, its partnership or parent record)."""

    idempotency_key = models.UUIDField(
        gettext_lazy("idempotency key"), null=True, blank=True, editable=False
    )
    idempotency_digest = models.CharField(max_length=64, blank=True, editable=False)

    # True on the instance that `create_once` has just saved, False on one found again.
    created_now = False

    class Meta:
        abstract = True


Record = TypeVar("Record", bound=CreatedOnce)


def digest_of(data: Mapping) -> str:
    """A fingerprint of what a request asked for: equal content gives an equal digest,
    whether it came as a form or as JSON."""
    return fingerprint(data, ascii_only=True)


def _made_before(model, key, scope: Mapping, digest: str):
    earlier = model.objects.filter(idempotency_key=key, **scope).first()
    if earlier is not None and earlier.idempotency_digest not in ("", digest):
        raise Conflict(
            "idempotency_key_reused",
            _("This request was already sent with other content; nothing new was saved."),
        )
    return earlier


def create_once(
    model: type[Record],
    *,
    key: uuid.UUID | None,
    scope: Mapping,
    data: Mapping,
    create: Callable[[dict], Record],
) -> tuple[Record, bool]:
    """`create(stamp)` makes and saves the record (and its parts) with the `stamp` fields, or
    the record an earlier call with the same `key` within `scope` made is returned, with
    `created` False. Without a key (the admin, an import of its own), `create` simply runs.
    Call it inside the service's transaction; `create` runs in a savepoint."""
    stamp = {"idempotency_key": key, "idempotency_digest": digest_of(data) if key else ""}
    if key is not None:
        earlier = _made_before(model, key, scope, stamp["idempotency_digest"])
        if earlier is not None:
            return earlier, False
    try:
        with transaction.atomic():
            record = create(stamp)
    except IntegrityError:
        # The other sending saved first; its record is committed and visible now.
        earlier = key and _made_before(model, key, scope, stamp["idempotency_digest"])
        if not earlier:
            raise
        return earlier, False
    record.created_now = True
    return record, True


def idempotency_key_of(header: str | None) -> uuid.UUID:
    """The API's `Idempotency-Key` header as a UUID; every creating call must send one."""
    if not header:
        raise DomainError(
            "idempotency_key_missing",
            _("Send an Idempotency-Key header with a new UUID for each record you create."),
        )
    try:
        return uuid.UUID(header)
    except ValueError as error:
        raise DomainError(
            "idempotency_key_invalid", _("The Idempotency-Key header must be a UUID.")
        ) from error


def created_status(record: CreatedOnce) -> int:
    """201 for a record this call made, 200 for one an earlier call with the key made."""
    return 201 if record.created_now else 200
