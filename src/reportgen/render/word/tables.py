"""Word tables: commitments grouped by Ref, the glossary and chart data, each with a marked, repeating header row.

Commitments sharing a Ref sit in rows whose Ref cells are merged vertically (w:vMerge),
as the published editions print them. A merged body cell tells assistive technology that
every row it spans belongs to that number, where an empty cell below the number would
tell it nothing; Word's accessibility checker objects to merged header cells, which these
tables never have.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from docx.oxml.parser import OxmlElement

from ...model import GlossaryEntry
from ..document import CommitmentTable
from . import xml
from .text import TextWriter

TABLE_STYLE = "ReportTable"
TEXT_STYLE = "TableText"
HEADING_STYLE = "TableHeading"
# Fixed widths (twips) for the short columns; Commitment and Update share the rest.
_FIXED_WIDTHS = {"ref": 800, "lead": 1050, "status": 1400}
_COMMITMENT_SHARE = 0.42


@dataclass(frozen=True)
class Cell:
    paragraphs: Sequence
    merge: str | None = None  # None, "restart" (first row of a merged cell) or "continue"


def commitment_widths(keys: Sequence[str], total: int) -> list[int]:
    fixed = sum(_FIXED_WIDTHS.get(key, 0) for key in keys)
    flexible = max(total - fixed, 2000)
    widths = []
    for key in keys:
        if key in _FIXED_WIDTHS:
            widths.append(_FIXED_WIDTHS[key])
        elif key == "commitment":
            widths.append(int(flexible * _COMMITMENT_SHARE))
        else:
            widths.append(flexible - int(flexible * _COMMITMENT_SHARE))
    return widths


def commitments_table(table: CommitmentTable, width: int, writer: TextWriter):
    keys = [column.key for column in table.columns]
    widths = commitment_widths(keys, width)
    described = ", ".join(["its reference number", "the commitment",
                           *(f"its {column.header.lower()}" for column in table.columns if column.key in ("lead", "status"))])
    element = new_table(
        [column.header for column in table.columns], widths, caption=table.caption,
        description=table.description or (f"One row for each commitment: {described} and this period's update. "
                                           "Commitments that share a reference number share one merged Ref cell."))
    for group in table.groups:
        merged = bool(group.ref) and len(group.rows) > 1
        for index, row in enumerate(group.rows):
            if index == 0:
                ref = Cell([text_paragraph(group.ref)], "restart" if merged else None)
            else:
                ref = Cell([xml.paragraph(TEXT_STYLE)], "continue" if merged else None)
            cells = {
                "ref": ref,
                "commitment": Cell(writer.paragraphs(row.commitment, TEXT_STYLE)),
                "lead": Cell([text_paragraph(row.lead)]),
                "status": Cell([text_paragraph(row.status)]),
                "update": Cell(writer.paragraphs(row.update, TEXT_STYLE)),
            }
            add_row(element, [cells[key] for key in keys], widths)
    return element


def glossary_table(entries: Sequence[GlossaryEntry], width: int):
    widths = [int(width * 0.3), width - int(width * 0.3)]
    table = new_table(["Term", "Meaning"], widths, caption="Glossary",
                      description="Each abbreviation or term used in this update, with its meaning.")
    for entry in entries:
        add_row(table, [Cell([text_paragraph(entry.term)]), Cell([text_paragraph(entry.meaning)])], widths)
    return table


def data_table(rows: Sequence[Sequence[str]], width: int, caption: str):
    """A chart's figures as a table; the first row is the header row."""
    if not rows:
        return None
    header, body = list(rows[0]), rows[1:]
    first = int(width * 0.4) if len(header) > 1 else width
    rest = len(header) - 1
    widths = [first] + [(width - first) // rest] * rest if rest else [first]
    table = new_table(header, widths, caption=caption,
                      description=f"The figures behind the chart: {', '.join(header)}.")
    for row in body:
        values = list(row) + [""] * (len(header) - len(row))
        add_row(table, [Cell([text_paragraph(str(value))]) for value in values[:len(header)]], widths)
    return table


def text_paragraph(text: str):
    p = xml.paragraph(TEXT_STYLE)
    if text:
        p.append(xml.run(text))
    return p


def new_table(headers: Sequence[str], widths: Sequence[int], *, caption: str, description: str):
    """A fixed-layout table with its caption, description and a header row that repeats on every page."""
    table = OxmlElement("w:tbl")
    properties = OxmlElement("w:tblPr")
    properties.append(xml.element("w:tblStyle", val=TABLE_STYLE))
    properties.append(xml.element("w:tblW", w=sum(widths), type="dxa"))
    properties.append(xml.element("w:tblLayout", type="fixed"))
    properties.append(xml.element("w:tblLook", val="04A0", firstRow=1, lastRow=0, firstColumn=0,
                                  lastColumn=0, noHBand=1, noVBand=1))
    properties.append(xml.element("w:tblCaption", val=xml.clean(caption)))
    properties.append(xml.element("w:tblDescription", val=xml.clean(description)))
    table.append(properties)
    grid = OxmlElement("w:tblGrid")
    for width in widths:
        grid.append(xml.element("w:gridCol", w=width))
    table.append(grid)

    row = OxmlElement("w:tr")
    row_properties = OxmlElement("w:trPr")
    row_properties.append(OxmlElement("w:cantSplit"))
    row_properties.append(OxmlElement("w:tblHeader"))  # marks the header row and repeats it on each page
    row.append(row_properties)
    for header, width in zip(headers, widths):
        p = xml.paragraph(HEADING_STYLE)
        p.append(xml.run(header))
        row.append(_cell(Cell([p]), width))
    table.append(row)
    return table


def add_row(table, cells: Sequence[Cell], widths: Sequence[int]) -> None:
    row = OxmlElement("w:tr")
    for cell, width in zip(cells, widths):
        row.append(_cell(cell, width))
    table.append(row)


def _cell(cell: Cell, width: int):
    tc = OxmlElement("w:tc")
    properties = OxmlElement("w:tcPr")
    properties.append(xml.element("w:tcW", w=width, type="dxa"))
    if cell.merge == "restart":
        properties.append(xml.element("w:vMerge", val="restart"))
    elif cell.merge == "continue":
        properties.append(OxmlElement("w:vMerge"))
    tc.append(properties)
    # Word requires at least one paragraph in every cell.
    tc.extend(list(cell.paragraphs) or [xml.paragraph(TEXT_STYLE)])
    return tc
