"""The shared spreadsheet reader and writers (core.spreadsheets): CSV and XLSX read alike,
headers in any language, every problem reported at once, exports read back as written."""

import io
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from django.utils.translation import gettext_lazy
from openpyxl import Workbook, load_workbook

from pobratym.core.spreadsheets import (
    Refused,
    choices_column,
    csv_response,
    date_column,
    read_table,
    text_column,
    xlsx_response,
)
from tests.downloads import body

LANGUAGES = (("de", gettext_lazy("German")), ("uk", gettext_lazy("Ukrainian")))
COLUMNS = (
    text_column("name", gettext_lazy("name of the person"), 20, required=True),
    choices_column("languages", gettext_lazy("languages spoken"), LANGUAGES),
    date_column("consent_on", gettext_lazy("consent given on")),
)


def _csv(text: str, encoding="utf-8") -> SimpleUploadedFile:
    return SimpleUploadedFile("list.csv", text.encode(encoding), "text/csv")


def _xlsx(rows) -> SimpleUploadedFile:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return SimpleUploadedFile("list.xlsx", out.getvalue(), "application/octet-stream")


def _values(rows):
    return [row.values for row in rows]


@pytest.mark.parametrize("separator", [",", ";", "\t"])
def test_a_csv_file_reads_like_a_workbook(separator):
    lines = [
        separator.join(["Name of the person", "Languages spoken", "Consent given on"]),
        separator.join(["Olena", '"Ukrainian, German"', "31.12.2025"]),
        "",
        separator.join(["Jan", "", "2025-01-02"]),
    ]
    from_csv, _data = read_table(_csv("\ufeff" + "\r\n".join(lines)), COLUMNS)
    from_xlsx, _data = read_table(
        _xlsx(
            [
                ["Name of the person", "Languages spoken", "Consent given on"],
                ["Olena", "Ukrainian, German", date(2025, 12, 31)],
                [],
                ["Jan", None, "2025-01-02"],
            ]
        ),
        COLUMNS,
    )
    assert _values(from_csv) == _values(from_xlsx)
    assert _values(from_csv)[0] == {
        "name": "Olena",
        "languages": ["de", "uk"],
        "consent_on": date(2025, 12, 31),
    }
    assert [row.number for row in from_csv] == [2, 4]


def test_headers_and_choices_are_read_in_another_language():
    with translation.override("uk"):
        header = ",".join(f'"{column.label}"' for column in COLUMNS)
    with translation.override("en"):
        rows, _data = read_table(_csv(f'{header}\nОлена,"українська, de",\n'), COLUMNS)
    assert rows[0].values["languages"] == ["de", "uk"]


def test_every_problem_is_reported_by_row_and_column_at_once():
    text = "Name of the person,Languages spoken,Consent given on\n,Klingon,2025-13-01\nJan,,\n"
    with pytest.raises(Refused) as refused:
        read_table(_csv(text), COLUMNS)
    found = {(problem.row, problem.column) for problem in refused.value.problems}
    assert found == {
        (2, "Languages spoken"),
        (2, "Consent given on"),
        (2, "Name of the person"),
    }


def test_a_csv_file_not_in_utf8_is_refused_with_a_way_out():
    with pytest.raises(Refused) as refused:
        read_table(_csv("Name of the person\nJürgen\n", encoding="cp1252"), COLUMNS)
    assert "CSV UTF-8" in refused.value.problems[0].message


def test_an_export_reads_back_as_written_formulas_included():
    headers = [str(column.label) for column in COLUMNS]
    rows = [["=HYPERLINK(1)", "German", date(2025, 1, 2)]]
    exported = body(csv_response("list.csv", headers, rows))
    assert exported.startswith("\ufeff".encode())
    assert b"'=HYPERLINK(1)" in exported
    again, _data = read_table(SimpleUploadedFile("list.csv", exported, "text/csv"), COLUMNS)
    assert _values(again) == [
        {"name": "=HYPERLINK(1)", "languages": ["de"], "consent_on": date(2025, 1, 2)}
    ]
    workbook = body(xlsx_response("list.xlsx", headers, rows))
    sheet = load_workbook(io.BytesIO(workbook)).worksheets[0]
    assert sheet["A2"].value == "=HYPERLINK(1)" and sheet["A2"].data_type == "s"
