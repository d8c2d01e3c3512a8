"""Reading uploaded aid spreadsheets: a guarded reader of workbooks, header matching in any
language, and grouping of rows into records with lines.

Problems are collected, never raised one by one: an import shows all of them at once and
imports nothing until there are none.
"""

import io
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from openpyxl import load_workbook

from .columns import GROUP, LINE, CellError, Column, capfirst, normalized

# A workbook unpacks to a few times its size; far more is a zip bomb, refused before reading.
MAX_UNPACKED_BYTES = 50 * 1024 * 1024
MAX_RATIO = 200
# Cells beyond this column are not read: a stray cell far to the right would otherwise make
# every row that wide.
MAX_COLUMNS = 60


def max_rows() -> int:
    return settings.POBRATYM_IMPORT_MAX_ROWS


@dataclass(frozen=True)
class Problem:
    """One thing to correct: a row of the sheet (None for the whole file), a column, a message."""

    row: int | None
    column: str
    message: str


class Refused(Exception):
    """The upload cannot be imported; `problems` says why, all of them."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        super().__init__(problems)
        self.problems = list(problems)


def _refuse(message: str) -> Refused:
    return Refused([Problem(None, "", message)])


def _not_xlsx() -> Refused:
    return _refuse(_("This file is not an Excel workbook (XLSX) or it is damaged."))


def _check_zip(data: bytes) -> None:
    """XLSX is a zip archive; its declared sizes bound what unpacking it may cost (zipfile
    never unpacks more than an entry declares)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as error:
        raise _not_xlsx() from error
    unpacked = sum(entry.file_size for entry in entries)
    too_dense = any(
        entry.file_size > 1024 * 1024 and entry.file_size > MAX_RATIO * max(entry.compress_size, 1)
        for entry in entries
    )
    if unpacked > MAX_UNPACKED_BYTES or too_dense:
        raise _refuse(_("This workbook unpacks to far more data than a list of aid can hold."))


def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _too_long(most: int) -> Refused:
    return _refuse(
        ngettext(
            "A sheet may have at most %(count)d row below its header; "
            "split the list into several files.",
            "A sheet may have at most %(count)d rows below its header; "
            "split the list into several files.",
            most,
        )
        % {"count": most}
    )


def read_rows(upload) -> tuple[tuple[int, tuple], list[tuple[int, tuple]], bytes]:
    """The header row and the filled rows of the first sheet of an uploaded workbook, each
    with its row number, and the file's bytes. Raises Refused for a file that is too large,
    not a workbook, damaged, or longer than the row limit."""
    limit = settings.POBRATYM_UPLOAD_MAX_BYTES
    if upload.size > limit:
        raise _refuse(_("The file is larger than %(limit)s.") % {"limit": filesizeformat(limit)})
    upload.seek(0)
    data = upload.read()
    _check_zip(data)
    most = max_rows()
    header, rows = None, []
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many types for a damaged file; all mean that
        raise _not_xlsx() from error
    try:
        sheet = workbook.worksheets[0].iter_rows(max_col=MAX_COLUMNS, values_only=True)
        for number, row in enumerate(sheet, 1):
            # Empty rows are skipped, but not without end: formatting alone can reach far.
            if number > 20 * most:
                raise _too_long(most)
            if all(_blank(value) for value in row):
                continue
            if header is None:
                header = (number, row)
                continue
            rows.append((number, row))
            if len(rows) > most:
                raise _too_long(most)
    except Refused:
        raise
    except Exception as error:  # a damaged sheet fails while it is read, not when opened
        raise _not_xlsx() from error
    finally:
        workbook.close()
    if header is None:
        raise _refuse(_("The sheet is empty."))
    return header, rows, data


def match_headers(header: tuple[int, tuple], columns: Sequence[Column]) -> dict[str, int]:
    """Where each column is, from the header row (its number, its cells) in any of the
    site's languages. Raises Refused naming unknown, repeated and missing columns."""
    problems, positions = [], {}
    number, cells = header
    known = {text: column for column in columns for text in column.headers()}
    for index, cell in enumerate(cells):
        if _blank(cell):
            continue
        column = known.get(normalized(str(cell)))
        if column is None:
            problems.append(
                Problem(
                    number,
                    str(cell),
                    _("“%(column)s” is not a column of this list.") % {"column": cell},
                )
            )
        elif column.name in positions:
            problems.append(Problem(number, str(cell), _("This column appears twice.")))
        else:
            positions[column.name] = index
    for column in columns:
        if column.required and column.name not in positions:
            problems.append(Problem(number, capfirst(column.label), _("This column is missing.")))
    if problems:
        raise Refused(problems)
    return positions


@dataclass
class Row:
    number: int
    values: dict
    filled: set = field(default_factory=set)


def parse_cells(rows, positions: dict[str, int], columns: Sequence[Column]):
    """Each row's values by column name (None where empty), and the problems of its cells."""
    parsed, problems = [], []
    for number, cells in rows:
        row = Row(number, {})
        for column in columns:
            index = positions.get(column.name)
            value = cells[index] if index is not None and index < len(cells) else None
            if _blank(value):
                row.values[column.name] = None
                continue
            row.filled.add(column.name)
            try:
                row.values[column.name] = column.parse(value)
            except CellError as error:
                row.values[column.name] = None
                problems.append(Problem(number, capfirst(column.label), str(error)))
        parsed.append(row)
    return parsed, problems


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
        raise _refuse(_("The sheet has no rows to import."))
    return groups, data
