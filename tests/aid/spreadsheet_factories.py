"""Workbooks as people fill them in, uploaded as browsers send them."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def upload(data: bytes, name: str = "needs.xlsx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, XLSX)


def workbook_bytes(headers, rows) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Needs")
    sheet.append(list(headers))
    for row in rows:
        sheet.append(list(row))
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def template_filled(template: bytes, rows) -> bytes:
    """The downloaded template with `rows` (dicts of header → value) written below its
    header, as a person fills it in with a spreadsheet program."""
    workbook = load_workbook(io.BytesIO(template))
    sheet = workbook.worksheets[0]
    headers = [cell.value for cell in sheet[1]]
    for number, row in enumerate(rows, 2):
        for header, value in row.items():
            sheet.cell(row=number, column=headers.index(header) + 1, value=value)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def template_headers(template: bytes) -> list[str]:
    return [cell.value for cell in load_workbook(io.BytesIO(template)).worksheets[0][1]]
