"""My work: what awaits a person across their partnerships. Each domain registers a provider in
its AppConfig.ready, so this base knows none of them.

A provider is `(user, memberships) -> list[WorkItem]`: the person and their memberships (with
partnership and side), from which it picks the partnerships where their role has something to
do. It asks nothing of the database when no membership qualifies, and a fixed number of
queries otherwise, however many items it finds.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django.db.models import Prefetch, prefetch_related_objects

from .models import Membership, Partnership, Side


@dataclass(frozen=True)
class WorkItem:
    kind: str  # what to do, e.g. "Sign the agreement"
    title: str  # the record, in the reader's language
    url: str  # the page where the person acts
    partnership: Partnership | None = None  # None: not yet theirs (an invitation)
    due: date | None = None


Provider = Callable[[object, list[Membership]], list[WorkItem]]

_providers: dict[str, Provider] = {}


def register_work(provider: Provider) -> None:
    _providers[f"{provider.__module__}.{provider.__qualname__}"] = provider


def memberships_of(user) -> list[Membership]:
    """The person's memberships with their partnerships (one query), also kept where the
    permission predicates look, so asking a rule costs nothing more."""
    memberships = list(
        Membership.objects.filter(user=user)
        .select_related("partnership")
        .order_by("partnership__slug")
    )
    cache = user.__dict__.setdefault("_pobratym_memberships", {})
    for membership in memberships:
        cache[membership.partnership_id] = membership
    return memberships


def _order(item: WorkItem):
    return (item.due is None, item.due or date.min, str(item.kind), item.title)


def work_for(user) -> list[WorkItem]:
    """Everything that awaits the person, the earliest deadline first; kept on the user for
    the rest of the request (the top bar counts it, My work lists it)."""
    if not user.is_authenticated:
        return []
    if "_pobratym_work" not in user.__dict__:
        memberships = memberships_of(user)
        items = [item for provider in _providers.values() for item in provider(user, memberships)]
        user.__dict__["_pobratym_work"] = sorted(items, key=_order)
    return user.__dict__["_pobratym_work"]


def with_role(memberships: list[Membership], *roles: str) -> list[Membership]:
    """The memberships in one of `roles`."""
    return [membership for membership in memberships if membership.role in roles]


def named(items: list[WorkItem]) -> list[WorkItem]:
    """The items with their partnerships' cities loaded, to name them (one query); the top
    bar, which only counts, does without."""
    partnerships = {item.partnership.pk: item.partnership for item in items if item.partnership}
    prefetch_related_objects(
        list(partnerships.values()),
        Prefetch("sides", queryset=Side.objects.select_related("city").order_by("position")),
    )
    return items
