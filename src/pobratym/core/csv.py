"""Every CSV the platform writes and reads: text a spreadsheet would run as a formula is kept
text, and read back as it was typed.

A cell that starts with `=`, `+`, `-` or `@` (or a tab or carriage return, which some
spreadsheets skip before one of those) is a formula to Excel, LibreOffice and Google Sheets:
`=HYPERLINK(…)` in a need's title would become a link that leaks data, `-2+3+cmd|…` could run a
command. As OWASP recommends ("CSV Injection"), such text gets a leading single quote, which
spreadsheets show as text. Numbers stay numbers: a number passed as one, or text that is only a
number such as "-5", cannot be a formula and is written as it is.
"""

import csv
import re
from collections.abc import Iterable, Iterator
from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?[0-9]+(\.[0-9]+)?")


def text_cell(value: Any) -> Any:
    """`value` as a CSV cell may hold it: formula-like text with a single quote before it;
    anything else (numbers, dates, plain text) unchanged."""
    if (
        isinstance(value, str)
        and value.startswith(FORMULA_STARTS)
        and not _PLAIN_NUMBER.fullmatch(value)
    ):
        return "'" + value
    return value


def typed_text(cell: str) -> str:
    """A cell of a CSV file read back: the single quote `text_cell` put before formula-like
    text is taken off again, so an exported list imports as it was typed."""
    if cell.startswith("'") and cell[1:].startswith(FORMULA_STARTS):
        return cell[1:]
    return cell


class Writer:
    """`csv.writer` whose rows pass through `text_cell`; the only CSV writer to use."""

    def __init__(self, out, **options) -> None:
        self._writer = csv.writer(out, **options)

    def writerow(self, row: Iterable[Any]):
        return self._writer.writerow([text_cell(value) for value in row])

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)

    def writerows_of_cells(self, rows: Iterable[Iterable[Any]]) -> None:
        """Rows whose every value has passed `text_cell` already: an export that makes a
        cell once for many rows (a need's for each of its lines) checks it once."""
        self._writer.writerows(rows)


Error = csv.Error


def reader(text_file, **options) -> Iterator[list[str]]:
    """The rows of a CSV text file as `csv.reader` reads them, each cell through
    `typed_text`; raises `Error` for a malformed file."""
    for row in csv.reader(text_file, **options):
        yield [typed_text(cell) for cell in row]


def writer(out, **options) -> Writer:
    """A CSV writer over the text file `out` (opened with newline=""), as `csv.writer`."""
    return Writer(out, **options)
