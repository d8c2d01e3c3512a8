"""The one CSV writer: text a spreadsheet would run as a formula is written as text."""

import csv as stdlib_csv
import io
import re
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from pobratym.core import csv

SRC = Path(__file__).resolve().parents[2] / "src" / "pobratym"


@pytest.mark.parametrize(
    "text",
    [
        '=HYPERLINK("http://evil.example","click")',
        "+1+1",
        "-2+3+cmd|' /C calc'!A0",
        "@SUM(A1:A2)",
        "\t=1+1",
        "\r=1+1",
        "-",
        "=",
    ],
)
def test_text_that_starts_a_formula_gets_a_single_quote(text):
    assert csv.text_cell(text) == "'" + text


@pytest.mark.parametrize(
    "value",
    ["Bandage", "", "Zhytomyr - Bohunskyi", "'=already quoted", "-5", "-2.5", "+3", "#item"],
)
def test_plain_text_and_numbers_written_as_text_stay_as_they_are(value):
    assert csv.text_cell(value) == value


@pytest.mark.parametrize("value", [-5, Decimal("-2.5"), -0.5, 7, None, date(2024, 5, 9)])
def test_values_that_are_not_text_stay_as_they_are(value):
    assert csv.text_cell(value) is value


def test_the_writer_neutralises_every_cell_and_reads_back():
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    writer.writerow(["=1+1", -5, "Saline, 0.9 %", '@"quoted"'])
    writer.writerows([["+A1", Decimal("-1.25")]])

    rows = list(stdlib_csv.reader(io.StringIO(out.getvalue())))

    assert rows == [["'=1+1", "-5", "Saline, 0.9 %", '\'@"quoted"'], ["'+A1", "-1.25"]]


def test_no_module_writes_csv_but_through_core():
    """A new export that used `csv.writer` directly would skip the neutralising."""
    direct = re.compile(r"^\s*import csv\b|^\s*from csv import", re.MULTILINE)
    offenders = [
        str(path.relative_to(SRC))
        for path in SRC.rglob("*.py")
        if path != SRC / "core" / "csv.py" and direct.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []
