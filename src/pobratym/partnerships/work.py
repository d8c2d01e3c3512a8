"""My work: what awaits a person across their partnerships. Each domain registers its kinds of
work in its AppConfig.ready, so this base knows none of them.

A kind of work is two functions:
- `pending(user, memberships) -> QuerySet | None`: the records awaiting the person, from the
  memberships (with their partnerships) whose role has this to do; None when none has, so
  nothing is asked of the database;
- `items(records, memberships) -> list[WorkItem]`: those records as items to show.

The top bar only counts: every kind's records in one query (a UNION ALL), whatever their
number. My work lists them: a query per kind, and `named` adds their titles' translations.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django.db.models import Prefetch, QuerySet, prefetch_related_objects

from .models import Membership, Partnership, Side


@dataclass(frozen=True)
class WorkItem:
    """One thing to do. Its title is `text`, or `describe(record)` where it needs the record's
    translations: `named` loads those (`load`, prefetch lookups) for all items at once."""

    kind: str  # what to do, e.g. "Sign the agreement"
    url: str  # the page where the person acts
    partnership: Partnership | None = None  # None: not yet theirs (an invitation)
    due: date | None = None
    text: str = ""
    record: object = None
    describe: Callable[[object], str] | None = None
    load: tuple = ()

    @property
    def title(self) -> str:
        """The record, in the reader's language."""
        return self.describe(self.record) if self.describe else self.text


Pending = Callable[[object, list[Membership]], QuerySet | None]
Items = Callable[[QuerySet, list[Membership]], list[WorkItem]]

_kinds: dict[str, tuple[Pending, Items]] = {}


def register_work(pending: Pending, items: Items) -> None:
    _kinds[f"{pending.__module__}.{pending.__qualname__}"] = (pending, items)


def memberships_of(user) -> list[Membership]:
    """The person's memberships with their partnerships (one query, once per request), also
    kept where the permission predicates look, so asking a rule costs nothing more."""
    if "_pobratym_all_memberships" not in user.__dict__:
        memberships = list(
            Membership.objects.filter(user=user)
            .select_related("partnership")
            .order_by("partnership__slug")
        )
        cache = user.__dict__.setdefault("_pobratym_memberships", {})
        for membership in memberships:
            cache[membership.partnership_id] = membership
        user.__dict__["_pobratym_all_memberships"] = memberships
    return user.__dict__["_pobratym_all_memberships"]


def _pending(user) -> list[tuple[QuerySet, Items]]:
    memberships = memberships_of(user)
    found = [(pending(user, memberships), items) for pending, items in _kinds.values()]
    return [(records, items) for records, items in found if records is not None]


def _order(item: WorkItem):
    return (item.due is None, item.due or date.min, str(item.kind), item.url)


def work_for(user) -> list[WorkItem]:
    """Everything that awaits the person, the earliest deadline first; kept on the user for
    the rest of the request."""
    if not user.is_authenticated:
        return []
    if "_pobratym_work" not in user.__dict__:
        memberships = memberships_of(user)
        work = [item for records, items in _pending(user) for item in items(records, memberships)]
        user.__dict__["_pobratym_work"] = sorted(work, key=_order)
    return user.__dict__["_pobratym_work"]


def work_count(user) -> int:
    """How many things await the person: the list's length if this request made it, else
    one query over every kind."""
    if not user.is_authenticated:
        return 0
    if "_pobratym_work" in user.__dict__:
        return len(user.__dict__["_pobratym_work"])
    keys = [records.order_by().values_list("pk") for records, _items in _pending(user)]
    if not keys:
        return 0
    return keys[0].union(*keys[1:], all=True).count()


def with_role(memberships: list[Membership], *roles: str) -> list[Membership]:
    """The memberships in one of `roles`."""
    return [membership for membership in memberships if membership.role in roles]


def named(items: list[WorkItem]) -> list[WorkItem]:
    """The items ready to show: their partnerships' cities (one query) and what each kind of
    title needs (a query per lookup), however many items there are."""
    partnerships = {item.partnership.pk: item.partnership for item in items if item.partnership}
    prefetch_related_objects(
        list(partnerships.values()),
        Prefetch("sides", queryset=Side.objects.select_related("city").order_by("position")),
    )
    records: dict[tuple, dict[int, object]] = {}
    for item in items:
        if item.load:
            records.setdefault((type(item.record), item.load), {})[id(item.record)] = item.record
    for (_model, lookups), group in records.items():
        prefetch_related_objects(list(group.values()), *lookups)
    return items
