"""The one harness of the access tests: who may do what, asked cheaply of the rules for every
role and side, and over HTTP for a few representative cells per page.

Who holds a permission, or gets a page, is a set of (role, side) cells: `who(COORDINATOR)` on
both sides, `who(COORDINATOR, STAFF, sides=[2])` on side 2 only, `EVERYONE`. People of another
partnership and anonymous visitors hold nothing.

- `Cast`: the people of one partnership, one per role and side, made when first asked for.
- `rules_check(cast, table, records)`: the full grid of a table `{permission: (record name,
  holders)}` asked of django-rules, no HTTP; every wrong cell is reported at once.
- `Page` and `http_check(page, world, cast)`: one allowed person, one refused person of the
  same side, the same role on the other side, a member of another partnership and an anonymous
  visitor ask the page as a browser (or an API client) does.
"""

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import rules
from django.contrib.auth.models import AnonymousUser
from django.test import Client
from django.urls import reverse

from pobratym.partnerships.models import Role
from tests.factories import member_create, partnership_create, sign_in

C, S, G, P, OBS = Role.COORDINATOR, Role.STAFF, Role.SIGNATORY, Role.PARTNER, Role.OBSERVER
# The order in which representative people are chosen: the most trusted role first, so the
# refused person of the same side is the nearest miss (staff where coordinators may).
ROLES = (C, S, G, P, OBS)
SIDES = (1, 2)

Cell = tuple[str, int]


def who(*roles: str, sides: Iterable[int] = SIDES) -> frozenset[Cell]:
    """The cells of these roles on these sides."""
    return frozenset((role, side) for role in roles for side in sides)


EVERYONE = who(*ROLES)


def other(side: int) -> int:
    return 3 - side


class Cast:
    """The people of one partnership by (role, side), each made on first use through the
    membership service (with two factors where the role needs them), and people of another
    partnership, who must find nothing here."""

    def __init__(self, partnership):
        self.partnership = partnership
        self._people: dict[Cell, Any] = {}
        self._elsewhere = None
        self._outsiders: dict[str, Any] = {}

    def __getitem__(self, cell: Cell):
        if cell not in self._people:
            role, side = cell
            self._people[cell] = member_create(self.partnership, role, position=side).user
        return self._people[cell]

    def everyone(self) -> dict[Cell, Any]:
        """One person of every role on each side."""
        return {(role, side): self[(role, side)] for role in ROLES for side in SIDES}

    def outsider(self, role: str = C):
        """A person with `role` on side 1 of another partnership only."""
        if role not in self._outsiders:
            if self._elsewhere is None:
                self._elsewhere = partnership_create()
            self._outsiders[role] = member_create(self._elsewhere, role, position=1).user
        return self._outsiders[role]


# --- the full grid, at the rules level ---


def permissions_of(app_label: str) -> set[str]:
    """Every permission an app registers with django-rules."""
    return {name for name in rules.permissions.permissions if name.startswith(f"{app_label}.")}


def rules_check(
    cast: Cast,
    table: Mapping[str, tuple[str, frozenset[Cell]]],
    records: Mapping[str, Any],
) -> None:
    """Ask every permission of `table` on its record for every role on each side, for people
    of another partnership in every role, and for an anonymous visitor; fail naming each cell
    whose answer differs from the table."""
    assert table, "an empty table checks nothing"
    people = cast.everyone()
    outsiders = {role: cast.outsider(role) for role in ROLES}
    wrong = []
    for permission, (record_name, holders) in sorted(table.items()):
        record = records[record_name]
        for (role, side), person in sorted(people.items()):
            expected = (role, side) in holders
            if person.has_perm(permission, record) is not expected:
                should = "should" if expected else "should not"
                wrong.append(f"{permission}: the {role} of side {side} {should} hold it")
        for role, person in outsiders.items():
            if person.has_perm(permission, record):
                wrong.append(f"{permission}: the {role} of another partnership should not hold it")
        if AnonymousUser().has_perm(permission, record):
            wrong.append(f"{permission}: an anonymous visitor should not hold it")
    assert not wrong, "\n".join(wrong)


# --- representative cells, over HTTP ---


@dataclass(frozen=True)
class Page:
    """An address and who gets it: `holders` get `success`; other members are refused.

    `url` and `headers` take the test's world; `data` is the body sent with a POST, or makes it
    from the world and the person asking (None for an anonymous visitor), say with a fresh
    idempotency key or the person's own side."""

    name: str
    url: Callable[[Any], str]
    holders: frozenset[Cell]
    method: str = "get"
    data: dict | Callable[[Any, Any], dict] | None = None
    success: int = 200
    json: bool = False
    headers: Callable[[Any], dict] | None = None

    def __str__(self) -> str:
        return self.name

    def ask(self, world, person=None):
        """The response to `person` (signed in with both factors; None: not signed in)."""
        client = Client()
        if person is not None:
            sign_in(client, person)
        address = self.url(world)
        headers = self.headers(world) if self.headers else {}
        if self.method == "get":
            return client.get(address, headers=headers)
        data = self.data(world, person) if callable(self.data) else (self.data or {})
        if self.json:
            return client.post(address, data, content_type="application/json", headers=headers)
        return client.post(address, data, headers=headers)


def representative_cells(page: Page) -> list[Cell]:
    """One person allowed, the nearest refused role of the same side, and the allowed role on
    the other side: the cells that show a rule of role and side."""
    order = [(role, side) for side in SIDES for role in ROLES]
    allowed = next((cell for cell in order if cell in page.holders), None)
    assert allowed is not None, f"nobody may use {page}: test it without this harness"
    role, side = allowed
    chosen = [allowed]
    refused = next((r for r in ROLES if (r, side) not in page.holders), None)
    if refused is not None:
        chosen.append((refused, side))
    chosen.append((role, other(side)))
    return chosen


def http_check(
    page: Page,
    world,
    cast: Cast,
    *,
    unchanged: Callable[[], Any] | None = None,
    refused: int = 403,
    hidden: int = 404,
    anonymous: int | str = "login",
    renew: Callable[[Any], Any] | None = None,
) -> dict:
    """Ask `page` as the representative people and as outsiders; return the responses by cell
    (and "outsider", "anonymous") for further checks.

    Members outside `page.holders` get `refused`; a coordinator of another partnership gets
    `hidden`; an anonymous visitor is sent to the login (`anonymous="login"`) or gets the status
    given. Refusals are asked first, and `unchanged` (a snapshot of what must stay as it was,
    say a count of history rows) is compared before the allowed people change anything.
    `renew` gives each allowed person after the first a world of their own, made from the last
    one, for an action that uses up its record (deleting it, answering its revision)."""
    cells = representative_cells(page)
    denied = [cell for cell in cells if cell not in page.holders]
    allowed = [cell for cell in cells if cell in page.holders]
    people = {cell: cast[cell] for cell in cells}
    outsider = cast.outsider()
    before = unchanged() if unchanged else None  # once everyone asking has been made
    responses = {}

    response = page.ask(world)
    if anonymous == "login":
        assert response.status_code == 302, (page.name, "anonymous", response.status_code)
        assert response["Location"].startswith(reverse("account_login")), response["Location"]
    else:
        assert response.status_code == anonymous, (page.name, "anonymous", response.status_code)
    responses["anonymous"] = response

    response = page.ask(world, outsider)
    assert response.status_code == hidden, (page.name, "outsider", response.status_code)
    responses["outsider"] = response

    for cell in denied:
        response = page.ask(world, people[cell])
        assert response.status_code == refused, (page.name, cell, _said(response))
        responses[cell] = response
    if unchanged:
        assert unchanged() == before, (page.name, "a refused request changed something")

    for number, cell in enumerate(allowed):
        if renew and number:
            world = renew(world)
        response = page.ask(world, people[cell])
        assert response.status_code == page.success, (page.name, cell, _said(response))
        responses[cell] = response
    return responses


def _said(response) -> tuple[int, bytes]:
    """The status and the beginning of a response, to say in a failure what was answered."""
    if getattr(response, "streaming", False):
        return response.status_code, b"<streamed>"
    return response.status_code, response.content[:300]
