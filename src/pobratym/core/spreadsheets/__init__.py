"""Spreadsheets of every domain: all-or-nothing imports from XLSX or CSV with a report of
every problem by row and column, and exports as XLSX or CSV.

An import declares its `Column`s (`text_column`, `choice_column`, `choices_column`,
`date_column`, `number_column`, `yes_no_column`: headers accepted in every language of the
site), reads the upload with `read_table(upload, columns) -> (rows, data)` (each `Row` has its
`number` and parsed `values`), checks each row through its services, and raises `Refused` with
`Problem(row, column, message)`s; the page shows them with `import_page`. An export answers
`xlsx_response` or `csv_response(filename, headers, rows)`, both in constant memory: the
workbook is written to a temporary file on disk and sent from there, the CSV streamed a few
hundred rows at a time (give them rows read with `core.chunks.one_by_one`); text already made
as CSV streams with `csv_stream(filename, text)`.
"""

from .columns import (
    CellError,
    Column,
    capfirst,
    choice_column,
    choice_text,
    choices_column,
    choices_text,
    date_column,
    number_column,
    text_column,
    yes_no_column,
    yes_no_text,
)
from .reading import Problem, Refused, Row, read_table, refused
from .writing import (
    XLSX_TYPE,
    csv_response,
    csv_stream,
    in_readers_language,
    xlsx_download,
    xlsx_response,
)

__all__ = [
    "XLSX_TYPE",
    "CellError",
    "Column",
    "Problem",
    "Refused",
    "Row",
    "capfirst",
    "choice_column",
    "choice_text",
    "choices_column",
    "choices_text",
    "csv_response",
    "csv_stream",
    "date_column",
    "in_readers_language",
    "number_column",
    "read_table",
    "refused",
    "text_column",
    "xlsx_download",
    "xlsx_response",
    "yes_no_column",
    "yes_no_text",
]
