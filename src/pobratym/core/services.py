"""The one way services change a record's fields: an allow-list, never whatever a caller passes,
and on a record people edit (`core.models.Revised`), only from the revision they saw."""

from collections.abc import Iterable, Mapping

from django.db.models import F
from django.utils.translation import gettext as _

from .errors import Stale
from .models import Revised


def model_update(
    *, instance, fields: Iterable[str], data: Mapping, revision: int | None = None
) -> list[str]:
    """Set the allowed `fields` of `instance` from `data`, text stripped of surrounding space;
    a name outside the list is a programming error (TypeError). Returns the names set; the
    service then validates, audits and saves.

    On a stored `Revised` record this is an edit: `revision` is the one the person's form or
    body was built on. The stored revision moves on by one only if it is still that one
    (compare and set, in the service's transaction, which holds the row until it commits),
    else `Stale` (409) with the current record, and nothing is set. Without a `revision` (a
    caller that saw no form: the admin, a test, a task) the edit is not guarded, but counted."""
    allowed = set(fields)
    unknown = set(data) - allowed
    if unknown:
        kind = type(instance).__name__
        raise TypeError(f"Not a field that may be set on {kind}: {', '.join(sorted(unknown))}")
    if isinstance(instance, Revised) and not instance._state.adding:
        _next_revision(instance, revision, allowed)
    for name, value in data.items():
        setattr(instance, name, value.strip() if isinstance(value, str) else value)
    return list(data)


def _next_revision(instance: Revised, revision: int | None, fields: set[str]) -> None:
    rows = type(instance)._base_manager.filter(pk=instance.pk)
    if revision is not None:
        rows = rows.filter(revision=revision)
    if not rows.update(revision=F("revision") + 1):
        current = type(instance)._base_manager.get(pk=instance.pk)
        raise Stale(
            "stale_revision",
            _(
                "Someone else changed this record after you opened it. Your changes were not "
                "saved: compare them with the current values below, and save again to "
                "replace those."
            ),
            current=current,
            fields=sorted(fields),
        )
    if revision is None:
        revision = rows.values_list("revision", flat=True).get() - 1
    if instance.revision != revision:
        # Loaded before another edit committed: start from what is stored now.
        instance.refresh_from_db()
    instance.revision = revision + 1
