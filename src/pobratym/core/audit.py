"""Who made a change, for the audit (django-simple-history), also outside a web request."""


def audited(instance, by):
    """Name `by` as the author of the next save or delete of `instance`; returns `instance`."""
    if by is not None:
        instance._history_user = by
    return instance
