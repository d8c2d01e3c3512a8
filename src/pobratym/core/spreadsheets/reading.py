"""Reading uploaded spreadsheets: a guarded reader of XLSX workbooks and CSV files, header
matching in any language, and cells parsed by their columns.

Problems are collected, never raised one by one: an import shows all of them at once and
imports nothing until there are none. `read_table(upload, columns)` does it all for a list
with one record per row.
"""

import io
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from openpyxl import load_workbook

from pobratym.core import csv

from .columns import CellError, Column, capfirst, normalized

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


def refused(message: str) -> Refused:
    """A refusal of the whole file (no row, no column)."""
    return Refused([Problem(None, "", message)])


def _not_xlsx() -> Refused:
    return refused(_("This file is not an Excel workbook (XLSX) or it is damaged."))


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
        raise refused(_("This workbook unpacks to far more data than a list can hold."))


def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _too_long(most: int) -> Refused:
    return refused(
        ngettext(
            "A sheet may have at most %(count)d row below its header; "
            "split the list into several files.",
            "A sheet may have at most %(count)d rows below its header; "
            "split the list into several files.",
            most,
        )
        % {"count": most}
    )


def _is_csv(upload) -> bool:
    name = (getattr(upload, "name", "") or "").casefold()
    return name.endswith(".csv") or getattr(upload, "content_type", "") == "text/csv"


def read_rows(upload) -> tuple[tuple[int, tuple], list[tuple[int, tuple]], bytes]:
    """The header row and the filled rows of an uploaded CSV file (by its name or type) or of
    the first sheet of a workbook, each with its row number, and the file's bytes. Raises
    Refused for a file that is too large, not readable, or longer than the row limit."""
    limit = settings.POBRATYM_UPLOAD_MAX_BYTES
    if upload.size > limit:
        raise refused(_("The file is larger than %(limit)s.") % {"limit": filesizeformat(limit)})
    upload.seek(0)
    data = upload.read()
    if _is_csv(upload) and not data.startswith(b"PK\x03\x04"):
        header, rows = _filled(enumerate(_csv_cells(data), 1))
    else:
        header, rows = _xlsx_rows(data)
    if header is None:
        raise refused(_("The sheet is empty."))
    return header, rows, data


def _filled(numbered) -> tuple[tuple[int, tuple] | None, list[tuple[int, tuple]]]:
    """The first filled row as the header, and the filled rows after it, within the limit."""
    most = max_rows()
    header, rows = None, []
    for number, row in numbered:
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
    return header, rows


def _xlsx_rows(data: bytes):
    _check_zip(data)
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many types for a damaged file; all mean that
        raise _not_xlsx() from error
    try:
        sheet = workbook.worksheets[0].iter_rows(max_col=MAX_COLUMNS, values_only=True)
        return _filled(enumerate(sheet, 1))
    except Refused:
        raise
    except Exception as error:  # a damaged sheet fails while it is read, not when opened
        raise _not_xlsx() from error
    finally:
        workbook.close()


def _csv_cells(data: bytes):
    """The rows of a CSV file in UTF-8 (as spreadsheet programs save "CSV UTF-8"), separated
    by commas, semicolons (German and Ukrainian Excel) or tabs, whichever the header uses
    most; text our exports guarded against formulas comes back as it was typed."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise refused(
            _("This CSV file is not in UTF-8. Save it as “CSV UTF-8” and upload it again.")
        ) from error
    if "\x00" in text:
        raise refused(_("This file is not a CSV file or it is damaged."))
    first = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=first.count)
    try:
        for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter):
            yield tuple(row[:MAX_COLUMNS])
    except csv.Error as error:
        raise refused(_("This file is not a CSV file or it is damaged.")) from error


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


def read_table(upload, columns: Sequence[Column]) -> tuple[list[Row], bytes]:
    """An uploaded list with one record per row, each row's values parsed, and the file's
    bytes; raises Refused with every problem found (cells, required columns left empty), so
    nothing is imported from a list with any."""
    header, rows, data = read_rows(upload)
    positions = match_headers(header, columns)
    parsed, problems = parse_cells(rows, positions, columns)
    problems += [
        Problem(row.number, capfirst(column.label), _("Fill in this cell."))
        for row in parsed
        for column in columns
        if column.required and column.name not in row.filled
    ]
    if problems:
        raise Refused(sorted(problems, key=lambda problem: problem.row or 0))
    if not parsed:
        raise refused(_("The sheet has no rows to import."))
    return parsed, data
