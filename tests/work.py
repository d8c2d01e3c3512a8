"""What the My work tests share: a person's items as a fresh request would see them, and the
check that exactly the expected roles and sides (and nobody of another partnership) get an
item of one kind."""

from pobratym.accounts.models import User
from pobratym.partnerships.work import work_for
from tests.access import ROLES, Cast, Cell


def work_of(person) -> list:
    """The person's items, worked out afresh (nothing kept from an earlier call)."""
    return work_for(User.objects.get(pk=person.pk))


def items_of(person, kind: str) -> list:
    return [item for item in work_of(person) if str(item.kind) == kind]


def work_check(cast: Cast, kind: str, holders: frozenset[Cell], url: str | None = None) -> None:
    """Exactly `holders` have one item of `kind` (leading to `url` if given); people of
    another partnership in any role have none."""
    wrong = []
    for cell, person in sorted(cast.everyone().items()):
        items = items_of(person, kind)
        expected = 1 if cell in holders else 0
        if len(items) != expected:
            wrong.append(f"{kind}: the {cell[0]} of side {cell[1]} has {len(items)} items")
        elif items and url is not None and items[0].url != url:
            wrong.append(f"{kind}: the {cell[0]} of side {cell[1]} is sent to {items[0].url}")
    for role in ROLES:
        if items_of(cast.outsider(role), kind):
            wrong.append(f"{kind}: the {role} of another partnership has an item")
    assert not wrong, "\n".join(wrong)
