"""The kinds of records of a partnership that other parts link to (a thread is about one), and
how to name, check and link each one; it knows no domain.

Each domain registers its records in its AppConfig.ready():
`records.register("aid.need", permission="aid.view_need", url=lambda slug, need: ...)`.
A record names its partnership by `partnership_id`.
"""

from collections.abc import Callable
from dataclasses import dataclass

import rules
from django.apps import apps

from pobratym.core.errors import require


@dataclass(frozen=True)
class Attachable:
    label: str  # "app_label.model_name"
    permission: str  # who may see the record may start or read a thread about it
    url: Callable[[str, object], str]  # (partnership slug, record) -> address


_REGISTRY: dict[str, Attachable] = {}


def register(label: str, *, permission: str, url: Callable[[str, object], str]) -> None:
    _REGISTRY[label.lower()] = Attachable(label=label.lower(), permission=permission, url=url)


def label_of(record) -> str:
    return record._meta.label_lower


def kind_of(record) -> Attachable | None:
    return _REGISTRY.get(label_of(record))


def reference(record) -> str:
    """`app_label.model:pk`, as in the `about` parameter of a new-thread link."""
    return f"{label_of(record)}:{record.pk}"


def record_url(record, slug: str) -> str | None:
    """The record's page under the partnership `slug`."""
    kind = kind_of(record)
    return kind.url(slug, record) if kind else None


def check_record(user, record) -> None:
    """PermissionDenied unless the record is of a registered kind the person may see."""
    kind = kind_of(record)
    if kind is None:
        raise LookupError(f"Threads cannot be attached to {label_of(record)}")
    require(user, kind.permission, record)


def can_see(user, record) -> bool:
    """Whether the person may see the record itself (a thread may be open to more people)."""
    kind = kind_of(record) if record is not None else None
    return kind is not None and rules.has_perm(kind.permission, user, record)


def resolve(reference_text: str, *, partnership_id: int):
    """The record named by `app_label.model:pk` in this partnership, or None."""
    label, _sep, pk = (reference_text or "").partition(":")
    kind = _REGISTRY.get(label.lower())
    # isdigit() alone lets "²" through, which int() refuses.
    if kind is None or not (pk.isascii() and pk.isdigit()):
        return None
    model = apps.get_model(kind.label)
    record = model._default_manager.filter(pk=int(pk)).first()
    if record is None or getattr(record, "partnership_id", None) != partnership_id:
        return None
    return record
