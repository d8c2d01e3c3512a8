"""Packing lists as spreadsheets: the template a sending office fills in, and its import
into a shipment still being loaded, all rows or none, through the shipment services."""

import re
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from pobratym.core.errors import DomainError, require
from pobratym.core.spreadsheets.columns import (
    GROUP,
    CellError,
    Column,
    capfirst,
    choice_column,
    number_column,
    text_column,
)
from pobratym.core.spreadsheets.reading import Problem, Refused
from pobratym.core.spreadsheets.writing import template_bytes

from .. import services
from ..models import NeedLine, Package, PackageKind, Pledge, Shipment, Unit, item_key_of
from .reading import read_groups


def _label(model, name):
    return model._meta.get_field(name).verbose_name


def _whole_number(text) -> int:
    """A package or pledge number as people write it: 12, 12.0, "No. 12", "Nr. 12", "№ 12"."""
    if isinstance(text, float) and text.is_integer():
        return int(text)
    if isinstance(text, int) and not isinstance(text, bool) and text > 0:
        return text
    match = re.fullmatch(r"[^\d-]{0,5}?(\d{1,9})", str(text).strip())
    if match is None or int(match.group(1)) == 0:
        raise CellError(_("Enter a whole number such as 12."))
    return int(match.group(1))


PACKAGE_NUMBER = Column(
    "package", gettext_lazy("package number"), _whole_number, required=True, level=GROUP
)
PLEDGE = Column("pledge", gettext_lazy("pledge number"), _whole_number, required=True)
COLUMNS = (
    PACKAGE_NUMBER,
    choice_column(
        "kind", gettext_lazy("package kind"), PackageKind.choices, required=True, level=GROUP
    ),
    text_column("item", _label(NeedLine, "item"), 300, required=True),
    number_column("quantity", _label(NeedLine, "quantity"), required=True),
    choice_column("unit", _label(NeedLine, "unit"), Unit.choices, required=True),
    number_column(
        "gross_weight", _label(Package, "gross_weight"), places=2, digits=10, level=GROUP
    ),
    number_column("volume", _label(Package, "volume"), places=3, digits=10, level=GROUP),
    PLEDGE,
)


def packing_list_template() -> bytes:
    """The packing list template in the active language."""
    instructions = [
        _("How to fill in the packing list"),
        _(
            "One row per item in a package. Rows with the same package number belong to one "
            "package (pallet, box, parcel or crate); its kind, gross weight and volume are "
            "read from its first row. Number the packages 1, 2, 3 and so on."
        ),
        _(
            "Pledge number: the number of the confirmed pledge the item comes from, as the "
            "shipment's page lists it (No. 12). Item and unit must be those of the pledge."
        ),
        _("Columns marked * must be filled in."),
        _(
            "The import takes all rows or none, into a shipment that is still being loaded "
            "and has no packages yet."
        ),
    ]
    return template_bytes(COLUMNS, instructions, _("Packing list"))


@dataclass(frozen=True)
class Packed:
    packages: int
    lines: int


def _check_numbering(groups) -> list[Problem]:
    expected = list(range(1, len(groups) + 1))
    if sorted(group.key for group in groups) == expected:
        return []
    return [
        Problem(
            groups[0].row,
            capfirst(PACKAGE_NUMBER.label),
            _("Number the packages 1, 2, 3 and so on, without gaps."),
        )
    ]


def _check_pledges(groups, shipment: Shipment) -> tuple[dict, list[Problem]]:
    """The pledges the sheet names, and the problems of rows whose pledge does not exist in
    this partnership or does not carry the row's item and unit."""
    numbers = {line["pledge"] for group in groups for _row, line in group.lines}
    pledges = Pledge.objects.filter(
        pk__in=numbers, offer_line__offer__partnership_id=shipment.partnership_id
    ).select_related("offer_line", "need_line")
    pledges = {pledge.pk: pledge for pledge in pledges}
    problems, seen = [], set()
    column = capfirst(PLEDGE.label)
    for group in groups:
        for row, line in group.lines:
            pledge = pledges.get(line["pledge"])
            if pledge is None:
                message = _("There is no pledge No. %(number)d in this partnership.")
                problems.append(Problem(row, column, message % {"number": line["pledge"]}))
                continue
            if (group.key, pledge.pk) in seen:
                message = _("Pledge No. %(number)d is already in this package on another row.")
                problems.append(Problem(row, column, message % {"number": pledge.pk}))
            seen.add((group.key, pledge.pk))
            if item_key_of(line["item"]) not in (
                pledge.offer_line.item_key,
                pledge.need_line.item_key,
            ):
                message = _("Pledge No. %(number)d is for “%(item)s”.")
                problems.append(
                    Problem(
                        row,
                        capfirst(_label(NeedLine, "item")),
                        message % {"number": pledge.pk, "item": pledge.offer_line.item},
                    )
                )
            if line["unit"] != pledge.offer_line.unit:
                message = _("Pledge No. %(number)d is counted in %(unit)s.")
                problems.append(
                    Problem(
                        row,
                        capfirst(_label(NeedLine, "unit")),
                        message
                        % {"number": pledge.pk, "unit": pledge.offer_line.get_unit_display()},
                    )
                )
    return pledges, problems


def packing_list_import(*, shipment: Shipment, by, upload) -> Packed:
    """Add the packages of an uploaded packing list to a shipment and load each row's pledge
    quantity into its package, or nothing: raises Refused with every problem found.

    Only a shipment without packages takes a packing list, so an upload sent twice is
    refused the second time instead of packing everything twice."""
    require(by, "aid.change_shipment", shipment)
    groups, _data = read_groups(upload, PACKAGE_NUMBER, COLUMNS)
    if shipment.packages.exists():
        raise Refused(
            [
                Problem(
                    None,
                    "",
                    _(
                        "This shipment already has packages. A packing list can only be "
                        "imported into a shipment without packages."
                    ),
                )
            ]
        )
    pledges, problems = _check_pledges(groups, shipment)
    problems += _check_numbering(groups)
    if problems:
        raise Refused(sorted(problems, key=lambda problem: problem.row or 0))
    lines = 0
    with transaction.atomic():
        for group in sorted(groups, key=lambda group: group.key):
            values = {name: value for name, value in group.values.items() if name != "package"}
            try:
                package = services.package_add(shipment=shipment, by=by, **values)
            except DomainError as error:
                problems.append(Problem(group.row, "", error.message))
                continue
            for row, line in group.lines:
                try:
                    services.shipment_line_set(
                        shipment=shipment,
                        by=by,
                        pledge=pledges[line["pledge"]],
                        quantity=line["quantity"],
                        package=package,
                    )
                except DomainError as error:
                    problems.append(Problem(row, "", error.message))
                lines += 1
        if problems:
            raise Refused(problems)  # inside the transaction: every package made goes too
    return Packed(packages=len(groups), lines=lines)
