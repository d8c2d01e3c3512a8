"""The machinery every aid spreadsheet shares: columns that parse and check cells, a guarded
reader of uploaded workbooks, header matching in every language, grouping of rows into
records with lines, a template builder and one writer for every export.

Problems are collected, never raised one by one: an import shows all of them at once and
imports nothing until there are none.
"""

import io
import zipfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.http import HttpResponse
from django.template.defaultfilters import filesizeformat
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# A workbook unpacks to a few times its size; far more is a zip bomb, refused before reading.
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
MAX_RATIO = 200
DEFAULT_MAX_ROWS = 2000
YES = {"yes", "y", "ja", "j", "так", "true", "1", "x"}
NO = {"no", "n", "nein", "ні", "false", "0"}
GROUP, LINE = "group", "line"


def max_rows() -> int:
    return getattr(settings, "POBRATYM_IMPORT_MAX_ROWS", DEFAULT_MAX_ROWS)


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


class CellError(Exception):
    pass


@dataclass(frozen=True)
class Column:
    """A column of a sheet: `parse` turns a filled cell into a value or raises CellError.

    `level` is GROUP for columns of the record a row belongs to (a need, a package), given
    on its first row, or LINE for columns of each row. `kind` picks the template's cell
    check; `choices` are (code, label) pairs."""

    name: str
    label: object
    parse: Callable[[object], object]
    required: bool = False
    level: str = LINE
    kind: str = "text"
    choices: Sequence[tuple[str, object]] = ()

    def title(self) -> str:
        """The header as the template writes it; `*` marks a required column."""
        return f"{capfirst(self.label)} *" if self.required else capfirst(self.label)

    def headers(self) -> set[str]:
        """Every header accepted for this column: its label in each language, its name."""
        found = {normalized(self.name), normalized(self.name.replace("_", " "))}
        for language, _name in settings.LANGUAGES:
            with translation.override(language):
                found.add(normalized(str(self.label)))
        return found


def capfirst(text) -> str:
    text = str(text)
    return text[:1].upper() + text[1:]


def normalized(text: str) -> str:
    return " ".join(str(text).replace("*", " ").casefold().split())


# Cell parsers -----------------------------------------------------------------------------


def _plain_text(value) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # a reference typed as 12 arrives as 12.0
    if isinstance(value, datetime | date):
        value = value.isoformat()
    return str(value).strip()


def text_column(name, label, max_length: int, **options) -> Column:
    def parse(value) -> str:
        value = _plain_text(value)
        if len(value) > max_length:
            raise CellError(
                ngettext(
                    "Use at most %(count)d character.",
                    "Use at most %(count)d characters.",
                    max_length,
                )
                % {"count": max_length}
            )
        return value

    return Column(name, label, parse, **options)


def _choice_lookup(choices) -> dict[str, str]:
    """Code or label, in any language, to the code; codes win, then the active language."""
    lookup = {normalized(code): code for code, _label in choices}
    languages = [translation.get_language()] + [code for code, _name in settings.LANGUAGES]
    for language in languages:
        with translation.override(language):
            for code, label in choices:
                lookup.setdefault(normalized(str(label)), code)
    return lookup


def choice_column(name, label, choices, **options) -> Column:
    choices = tuple(choices)

    def parse(value) -> str:
        code = _choice_lookup(choices).get(normalized(_plain_text(value)))
        if code is None:
            raise CellError(
                _("“%(value)s” is not in the list. Choose one of: %(choices)s.")
                % {
                    "value": _plain_text(value),
                    "choices": ", ".join(str(label) for _code, label in choices),
                }
            )
        return code

    return Column(name, label, parse, kind="choice", choices=choices, **options)


def _decimal(value) -> Decimal:
    if isinstance(value, bool | datetime | date):
        raise CellError(_("Enter a number."))
    if isinstance(value, int | float | Decimal):
        return Decimal(str(value))
    text = str(value).strip().replace(" ", "").replace("\u00a0", "")
    if "," in text and "." not in text:
        text = text.replace(",", ".")  # 2,5 as German and Ukrainian write it
    try:
        number = Decimal(text)
    except InvalidOperation as error:
        raise CellError(_("Enter a number.")) from error
    if not number.is_finite():
        raise CellError(_("Enter a number."))
    return number


def number_column(name, label, places: int = 3, digits: int = 14, **options) -> Column:
    """A number greater than zero with at most `places` decimals, as the model stores it."""

    def parse(value) -> Decimal:
        number = _decimal(value)
        if number <= 0:
            raise CellError(_("Enter a number greater than zero."))
        if number.as_tuple().exponent < -places and number != round(number, places):
            raise CellError(
                ngettext(
                    "Use at most %(count)d decimal place.",
                    "Use at most %(count)d decimal places.",
                    places,
                )
                % {"count": places}
            )
        number = round(number, places)
        if number >= Decimal(10) ** (digits - places):
            raise CellError(_("This number is too large."))
        return number

    return Column(name, label, parse, kind="number", **options)


DATE_FORMATS = ("%Y-%m-%d", "%d.%m.%Y", "%d/%m/%Y")


def date_column(name, label, **options) -> Column:
    def parse(value) -> date:
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        if isinstance(value, str):
            for pattern in DATE_FORMATS:
                try:
                    return datetime.strptime(value.strip(), pattern).date()
                except ValueError:
                    continue
        raise CellError(_("Enter a date such as 2026-12-31 or 31.12.2026."))

    return Column(name, label, parse, kind="date", **options)


def _yes_no() -> tuple[tuple[str, object], ...]:
    return (("yes", gettext_lazy("yes")), ("no", gettext_lazy("no")))


def yes_no_column(name, label, **options) -> Column:
    def parse(value) -> bool:
        if isinstance(value, bool):
            return value
        word = normalized(_plain_text(value))
        lookup = _choice_lookup(_yes_no())
        if word in YES or lookup.get(word) == "yes":
            return True
        if word in NO or lookup.get(word) == "no":
            return False
        raise CellError(_("Enter yes or no."))

    return Column(name, label, parse, kind="choice", choices=_yes_no(), **options)


def yes_no_text(value: bool | None) -> str:
    """A yes-or-no mark as exports write it; empty where it is not known or not shown."""
    if value is None:
        return ""
    return _("yes") if value else _("no")


# Reading ----------------------------------------------------------------------------------


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


def read_rows(upload) -> tuple[tuple, list[tuple[int, tuple]], bytes]:
    """The header row and the filled rows (with their row numbers) of the first sheet of an
    uploaded workbook, and the file's bytes. Raises Refused for a file that is too large,
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
        for number, row in enumerate(workbook.worksheets[0].iter_rows(values_only=True), 1):
            if all(_blank(value) for value in row):
                continue
            if header is None:
                header = row
                continue
            rows.append((number, row))
            if len(rows) > most:
                raise _refuse(
                    ngettext(
                        "A sheet may have at most %(count)d row below its header; "
                        "split the list into several files.",
                        "A sheet may have at most %(count)d rows below its header; "
                        "split the list into several files.",
                        most,
                    )
                    % {"count": most}
                )
    except Refused:
        raise
    except Exception as error:  # a damaged sheet fails while it is read, not when opened
        raise _not_xlsx() from error
    finally:
        workbook.close()
    if header is None:
        raise _refuse(_("The sheet is empty."))
    return header, rows, data


def match_headers(header: Sequence, columns: Sequence[Column]) -> dict[str, int]:
    """Where each column is, from the header row in any of the site's languages. Raises
    Refused naming unknown, repeated and missing columns."""
    problems, positions = [], {}
    known = {text: column for column in columns for text in column.headers()}
    for index, cell in enumerate(header):
        if _blank(cell):
            continue
        column = known.get(normalized(str(cell)))
        if column is None:
            problems.append(
                Problem(
                    1, str(cell), _("“%(column)s” is not a column of this list.") % {"column": cell}
                )
            )
        elif column.name in positions:
            problems.append(Problem(1, str(cell), _("This column appears twice.")))
        else:
            positions[column.name] = index
    for column in columns:
        if column.required and column.name not in positions:
            problems.append(Problem(1, capfirst(column.label), _("This column is missing.")))
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

    key: str
    row: int
    values: dict
    lines: list[tuple[int, dict]] = field(default_factory=list)


def group_rows(rows: Iterable[Row], key: Column, columns: Sequence[Column]):
    """Rows with the same `key` value belong to one record. Its own columns are read from
    its first row; a later row may leave them empty or repeat them, never contradict them."""
    groups: dict[str, Group] = {}
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
            group = groups[reference] = Group(reference, row.number, values)
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
                if column.name in row.filled
                and row.values[column.name] is not None
                and row.values[column.name] != group.values[column.name]
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


# Writing ----------------------------------------------------------------------------------


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


def xlsx_bytes(headers: Sequence, rows: Iterable[Sequence], title: str = "") -> bytes:
    """A one-sheet workbook: a bold header row, then `rows`; written as it streams."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_sheet_title(title or _("List")))
    sheet.freeze_panes = "A2"
    for index, header in enumerate(headers, 1):
        sheet.column_dimensions[get_column_letter(index)].width = max(12, len(str(header)) + 4)
    sheet.append([_cell(sheet, capfirst(header), bold=True) for header in headers])
    for row in rows:
        sheet.append([_cell(sheet, value) for value in row])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def xlsx_download(filename: str, data: bytes) -> HttpResponse:
    response = HttpResponse(data, content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    # Lists may hold what only some roles see: never kept by a shared cache.
    response["Cache-Control"] = "private, no-store"
    return response


def xlsx_response(filename: str, headers: Sequence, rows: Iterable[Sequence], title: str = ""):
    """Any list as an XLSX download: `headers` (text), then one row per item of `rows`."""
    return xlsx_download(filename, xlsx_bytes(headers, rows, title))


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
        if column.choices:
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
