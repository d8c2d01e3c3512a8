"""The council report as a Word document for editing: the same sections as the PDF, with
headings, tables and the charts as PNG pictures."""

import io

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm

from .content import Section


def docx_bytes(*, title: str, facts: list[str], sections: list[Section], language: str) -> bytes:
    document = Document()
    document.core_properties.title = title
    document.core_properties.language = language
    document.add_heading(title, level=0)
    for fact in facts:
        document.add_paragraph(fact)
    for section in sections:
        document.add_heading(section.heading, level=1)
        for item in section.items:
            _add(document, item)
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()


def _add(document, item) -> None:
    if item.kind == "paragraph":
        document.add_paragraph(item.text)
    elif item.kind == "subheading":
        document.add_heading(item.text, level=2)
    elif item.kind == "chart":
        picture = document.add_picture(io.BytesIO(item.png), width=Cm(16))
        picture._inline.docPr.set("descr", item.title)  # the alternative text readers hear
        document.add_paragraph(item.title, style="Caption")
    elif item.kind == "table":
        document.add_paragraph(item.caption, style="Caption")
        table = document.add_table(rows=1, cols=len(item.header))
        table.style = "Table Grid"
        for cell, text in zip(table.rows[0].cells, item.header, strict=True):
            cell.text = text
            cell.paragraphs[0].runs[0].bold = True
        for row in item.rows:
            cells = table.add_row().cells
            for index, (cell, text) in enumerate(zip(cells, row, strict=True)):
                cell.text = text
                if index in item.numeric:
                    cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
