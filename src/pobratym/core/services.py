"""The one way services change a record's fields: an allow-list, never whatever a caller passes."""

from collections.abc import Iterable, Mapping


def model_update(*, instance, fields: Iterable[str], data: Mapping) -> list[str]:
    """Set the allowed `fields` of `instance` from `data`, text stripped of surrounding space;
    a name outside the list is a programming error (TypeError). Returns the names set; the
    service then validates, audits and saves."""
    allowed = set(fields)
    unknown = set(data) - allowed
    if unknown:
        kind = type(instance).__name__
        raise TypeError(f"Not a field that may be set on {kind}: {', '.join(sorted(unknown))}")
    for name, value in data.items():
        setattr(instance, name, value.strip() if isinstance(value, str) else value)
    return list(data)
