"""Reading uploaded aid spreadsheets: rows grouped into records with lines (a need and its
item lines, a package and its contents), on the shared reader of `core.spreadsheets`."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from pobratym.core.spreadsheets.columns import GROUP, LINE, Column, capfirst
from pobratym.core.spreadsheets.reading import (
    Problem,
    Refused,
    Row,
    match_headers,
    parse_cells,
    read_rows,
    refused,
)


@dataclass
class Group:
    """The rows of one record (a need, a package): its own values from its first row, and
    the values of each row's line."""

    key: object
    row: int
    values: dict
    filled: set
    lines: list[tuple[int, dict]] = field(default_factory=list)


def _contradicts(column: Column, row: Row, group: Group) -> bool:
    if column.name not in row.filled or row.values[column.name] is None:
        return False
    if column.name in group.filled and group.values[column.name] is None:
        return False  # the first row's own cell is wrong, and reported there
    return row.values[column.name] != group.values[column.name]


def group_rows(rows: Iterable[Row], key: Column, columns: Sequence[Column]):
    """Rows with the same `key` value belong to one record. Its own columns are read from
    its first row; a later row may leave them empty or repeat them, never contradict them."""
    groups: dict[object, Group] = {}
    problems = []
    own = [column for column in columns if column.level == GROUP]
    lines = [column for column in columns if column.level == LINE and column is not key]
    for row in rows:
        reference = row.values.get(key.name)
        if reference is None:
            if key.name not in row.filled:
                problems.append(Problem(row.number, capfirst(key.label), _("Fill in this cell.")))
            continue
        group = groups.get(reference)
        if group is None:
            values = {column.name: row.values[column.name] for column in own}
            group = groups[reference] = Group(reference, row.number, values, row.filled)
            problems += [
                Problem(row.number, capfirst(column.label), _("Fill in this cell."))
                for column in own
                if column.required and column.name not in row.filled
            ]
        else:
            problems += [
                Problem(
                    row.number,
                    capfirst(column.label),
                    _("This differs from row %(row)d, which already gives it for “%(key)s”.")
                    % {"row": group.row, "key": reference},
                )
                for column in own
                if _contradicts(column, row, group)
            ]
        problems += [
            Problem(row.number, capfirst(column.label), _("Fill in this cell."))
            for column in lines
            if column.required and column.name not in row.filled
        ]
        group.lines.append((row.number, {column.name: row.values[column.name] for column in lines}))
    return list(groups.values()), problems


def read_groups(upload, key: Column, columns: Sequence[Column]) -> tuple[list[Group], bytes]:
    """An uploaded sheet as records with their lines, and the file's bytes; raises Refused
    with every problem found, so nothing is imported from a sheet with any."""
    header, rows, data = read_rows(upload)
    positions = match_headers(header, columns)
    parsed, problems = parse_cells(rows, positions, columns)
    groups, more = group_rows(parsed, key, columns)
    problems += more
    if problems:
        raise Refused(sorted(problems, key=lambda problem: problem.row or 0))
    if not groups:
        raise refused(_("The sheet has no rows to import."))
    return groups, data
