"""Every service that edits a record from a form or an API call, in one table, so the
no-lost-updates tests (SQLite here, real concurrent transactions on PostgreSQL) cover each one.

Each entry makes its record for `team`, edits it through the service from a given revision
(`change(team, record, revision, text)` writes `text` into the entry's `field`), and names the
page with the edit form and the person who may use it."""

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse

from pobratym.aid import services as aid
from tests.aid.factories import need_post
from tests.aid.shipment_factories import shipment_plan
from tests.factories import member_create


@dataclass(frozen=True)
class Editing:
    make: Callable  # (team) -> record
    change: Callable  # (team, record, revision, text) -> record
    field: str  # the text field `change` writes
    page: Callable  # (team, record) -> the address of the edit form
    editor: str  # the person in `team` who edits


def team_of(partnership) -> dict:
    """A coordinator and a signatory on each side."""
    return {
        "partnership": partnership,
        **{
            f"{role}{position}": member_create(partnership, role, position=position).user
            for role in ("coordinator", "signatory")
            for position in (1, 2)
        },
    }


def _slug(team) -> str:
    return team["partnership"].slug


UPDATERS = {
    "need": Editing(
        make=lambda team: need_post(team["partnership"], team["coordinator2"]),
        change=lambda team, need, revision, text: aid.need_update(
            need=need, by=team["coordinator2"], revision=revision, title=text
        ),
        field="title",
        page=lambda team, need: reverse("aid:need_edit", args=[_slug(team), need.pk]),
        editor="coordinator2",
    ),
    "shipment": Editing(
        make=lambda team: shipment_plan(team["partnership"], team["coordinator1"]),
        change=lambda team, shipment, revision, text: aid.shipment_update(
            shipment=shipment, by=team["coordinator1"], revision=revision, route=text
        ),
        field="route",
        page=lambda team, shipment: reverse("aid:shipment_edit", args=[_slug(team), shipment.pk]),
        editor="coordinator1",
    ),
}
