"""One way to fingerprint content: SHA-256 over its canonical JSON (keys sorted, no spaces,
decimals normalised, records by label and id), so equal content gives an equal fingerprint
however it was built. What both sides agree to (an agreement's texts, a work plan's
measures) and what a request asked for (core.idempotency) are bound to such fingerprints."""

import hashlib
import json
from decimal import Decimal
from enum import Enum

from django.core.files import File
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models


class _Encoder(DjangoJSONEncoder):
    def default(self, o):
        if isinstance(o, models.Model):
            return [o._meta.label, o.pk]
        if isinstance(o, File):
            return [o.name, o.size]
        if isinstance(o, Decimal):
            return format(o.normalize(), "f")
        if isinstance(o, Enum):
            return o.value
        if isinstance(o, set | frozenset | models.QuerySet):
            return sorted((self.default(item) for item in o), key=str)
        return super().default(o)


def fingerprint(data, *, ascii_only: bool = False) -> str:
    """The SHA-256 of `data` as canonical JSON. `ascii_only` escapes non-ASCII characters,
    as the idempotency digests stored so far were written."""
    text = json.dumps(
        data, cls=_Encoder, sort_keys=True, separators=(",", ":"), ensure_ascii=ascii_only
    )
    return hashlib.sha256(text.encode()).hexdigest()
