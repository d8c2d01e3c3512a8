"""Writing spreadsheets: one writer for every export (XLSX, or CSV through `core.csv`), and
the templates people fill in."""

import io
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from itertools import islice
from typing import BinaryIO

from django.http import FileResponse, HttpResponse, StreamingHttpResponse
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import get_language, get_language_info
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation

from pobratym.core import csv

from .columns import Column, capfirst
from .reading import max_rows

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_PIECE = 500  # rows of a CSV sent at a time


def _safe(value):
    """A value as a cell holds it: lazy text made plain, characters XML forbids removed."""
    if isinstance(value, str | Promise):
        return ILLEGAL_CHARACTERS_RE.sub("", str(value))
    return value


def _cell(sheet, value, bold: bool = False) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, _safe(value))
    if cell.data_type == "f":
        cell.data_type = "s"  # text someone typed as "=…" stays text, never a formula
    if bold:
        cell.font = Font(bold=True)
    return cell


def xlsx_file(headers: Sequence, rows: Iterable[Sequence], title: str = "") -> BinaryIO:
    """A one-sheet workbook, a bold header row, then `rows`, in a temporary file on disk
    (read from its start, deleted when closed): the rows are written as they come and the
    finished file never held in memory, however long the list."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_sheet_title(title or _("List")))
    sheet.freeze_panes = "A2"
    for index, header in enumerate(headers, 1):
        sheet.column_dimensions[get_column_letter(index)].width = max(12, len(str(header)) + 4)
    sheet.append([_cell(sheet, capfirst(header), bold=True) for header in headers])
    for row in rows:
        sheet.append([_cell(sheet, value) for value in row])
    out = tempfile.TemporaryFile()  # noqa: SIM115 - the response closes it once sent
    try:
        workbook.save(out)
    except BaseException:
        out.close()
        raise
    out.seek(0)
    return out


def _private(response):
    # Lists may hold what only some roles see: never kept by a shared cache.
    response["Cache-Control"] = "private, no-store"
    return response


def xlsx_download(filename: str, data: bytes) -> HttpResponse:
    """A workbook made in memory (a template to fill in) as a download."""
    response = HttpResponse(data, content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return _private(response)


def xlsx_response(filename: str, headers: Sequence, rows: Iterable[Sequence], title: str = ""):
    """Any list as an XLSX download: `headers` (text), then one row per item of `rows`, made
    into a file on disk (in the active language) and sent from there a block at a time."""
    data = xlsx_file(headers, rows, title)
    return _private(
        FileResponse(data, as_attachment=True, filename=filename, content_type=XLSX_TYPE)
    )


def csv_response(filename: str, headers: Sequence, rows: Iterable[Sequence]):
    """Any list as a CSV download in UTF-8 with a byte order mark (so spreadsheet programs
    read its letters right), dates as 2026-12-31; formula-like text stays text. Sent a few
    hundred rows at a time as they are made, each piece in the language active now (the
    server reads them after the view has returned), so the list is never held whole."""
    head = "\ufeff" + _csv_text([[capfirst(header) for header in headers]])
    response = csv_stream(filename, _csv_pieces(head, iter(rows), get_language()))
    return _private(response)


def _csv_pieces(head: str, rows: Iterator[Sequence], language: str) -> Iterator[str]:
    yield head
    while True:
        with translation.override(language):
            piece = _csv_text(
                [_csv_value(value) for value in row] for row in islice(rows, CSV_PIECE)
            )
        if not piece:
            return
        yield piece


def _csv_text(rows: Iterable[Sequence]) -> str:
    out = io.StringIO(newline="")
    csv.writer(out).writerows(rows)
    return out.getvalue()


def csv_stream(filename: str, text: Iterator[str]) -> StreamingHttpResponse:
    """A CSV download sent a piece of `text` at a time as it is made, for exports too long to
    hold: `text` must need no active language (the server reads it after the view returns)."""
    response = StreamingHttpResponse(text, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _csv_value(value):
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    return _safe(value)


def in_readers_language(label) -> str:
    """The header of the column beside a column of typed text (`label`, its original) that
    gives the text in the reader's language: "Title (German)"."""
    language = get_language_info(get_language()[:2])["name_translated"]
    return _("%(column)s (%(language)s)") % {"column": capfirst(label), "language": language}


def _sheet_title(text) -> str:
    return "".join(char for char in str(text) if char not in "[]:*?/\\")[:31]


def template_bytes(columns: Sequence[Column], instructions: Sequence[str], title) -> bytes:
    """An empty sheet with `columns` as headers and cell checks (lists of allowed values on
    a second sheet, numbers above zero), and a sheet of instructions."""
    rows = max_rows() + 1
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _sheet_title(title)
    lists = workbook.create_sheet(_sheet_title(_("Lists")))
    guide = workbook.create_sheet(_sheet_title(_("Instructions")))
    sheet.freeze_panes = "A2"
    list_index = 0
    for index, column in enumerate(columns, 1):
        letter = get_column_letter(index)
        header = sheet.cell(row=1, column=index, value=column.title())
        header.font = Font(bold=True)
        sheet.column_dimensions[letter].width = max(14, len(column.title()) + 4)
        check = None
        if column.choices and column.kind == "choice":
            list_index += 2
            label_at = get_column_letter(list_index - 1)
            lists.cell(row=1, column=list_index - 1, value=capfirst(column.label)).font = Font(
                bold=True
            )
            lists.cell(row=1, column=list_index, value=_("Code")).font = Font(bold=True)
            for offset, (code, label) in enumerate(column.choices, 2):
                lists.cell(row=offset, column=list_index - 1, value=_safe(label))
                lists.cell(row=offset, column=list_index, value=code)
            lists.column_dimensions[label_at].width = 32
            last = len(column.choices) + 1
            check = DataValidation(
                type="list",
                formula1=f"{quote_sheetname(lists.title)}!${label_at}$2:${label_at}${last}",
                # A warning, not a stop: the codes of the next column are accepted too.
                errorStyle="warning",
                error=_("Choose a value from the list on the sheet “%(sheet)s”.")
                % {"sheet": lists.title},
            )
        elif column.kind == "number":
            check = DataValidation(
                type="decimal",
                operator="greaterThan",
                formula1="0",
                error=_("Enter a number greater than zero."),
            )
        if check is not None:
            check.allow_blank = True
            check.showErrorMessage = True
            sheet.add_data_validation(check)
            check.add(f"{letter}2:{letter}{rows}")
        if column.kind == "date":
            for row in range(2, rows + 1):
                sheet.cell(row=row, column=index).number_format = "yyyy-mm-dd"
    guide.column_dimensions["A"].width = 110
    for number, line in enumerate(instructions, 1):
        guide.cell(row=number, column=1, value=_safe(line)).alignment = Alignment(wrap_text=True)
    guide.cell(row=1, column=1).font = Font(bold=True)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
