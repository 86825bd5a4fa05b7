"""Word tables: commitments grouped by Ref, the glossary and chart data, each with a marked, repeating header row.

Commitments sharing a Ref sit in rows whose Ref cells are merged vertically (w:vMerge),
as the published editions print them. A merged body cell tells assistive technology that
every row it spans belongs to that number, where an empty cell below the number would
tell it nothing; Word's accessibility checker objects to merged header cells, which these
tables never have.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from docx.oxml.parser import OxmlElement

from ...core.model import GlossaryEntry
from ...ooxml.elements import clean, element
from ...outline.document import CommitmentTable
from . import xml
from .text import TextWriter

TABLE_STYLE = "ReportTable"
TEXT_STYLE = "TableText"
HEADING_STYLE = "TableHeading"
# Shares of the text width, as print.css gives them: the update gets more than half.
_SHARES = {"ref": 0.08, "commitment": 0.34}


@dataclass(frozen=True)
class Cell:
    paragraphs: Sequence
    merge: str | None = None  # None, "restart" (first row of a merged cell) or "continue"


def commitment_widths(keys: Sequence[str], total: int) -> list[int]:
    widths = [int(total * _SHARES[key]) if key in _SHARES else 0 for key in keys]
    rest = total - sum(widths)
    return [width or rest for width in widths]


def commitments_table(table: CommitmentTable, width: int, writer: TextWriter):
    keys = [column.key for column in table.columns]
    widths = commitment_widths(keys, width)
    details = " and ".join(column.header.lower() for column in table.details)
    described = "its reference number, the commitment" + (f" with its {details} under it" if details else "")
    word_table = new_table(
        [column.header for column in table.columns],
        widths,
        caption=table.caption,
        description=table.description
        or (
            f"One row for each commitment: {described}, and this period's update. "
            "Commitments that share a reference number share one merged Ref cell."
        ),
    )
    for group in table.groups:
        merged = bool(group.ref) and len(group.rows) > 1
        for index, row in enumerate(group.rows):
            if index == 0:
                # bold, as the row header it is on the web page and in the PDF
                ref = Cell([text_paragraph(group.ref, bold=True)], "restart" if merged else None)
            else:
                ref = Cell([xml.paragraph(TEXT_STYLE)], "continue" if merged else None)
            commitment = list(writer.paragraphs(row.commitment, TEXT_STYLE))
            if row.details:
                commitment.append(details_paragraph(row.details))
            cells = {
                "ref": ref,
                "commitment": Cell(commitment),
                "update": Cell(writer.paragraphs(row.update, TEXT_STYLE)),
            }
            # A short row moves whole to the next page, as in the PDF.
            add_row(word_table, [cells[key] for key in keys], widths, keep_whole=row.short)
    return word_table


def details_paragraph(details) -> OxmlElement:
    """ "Lead: MOPAC · Status: On track" under the commitment, the values bold as on the web page."""
    p = xml.paragraph(TEXT_STYLE)
    for index, (label, value) in enumerate(details):
        if index:
            p.append(xml.run(DETAIL_SEPARATOR))
        p.append(xml.run(f"{label}: "))
        p.append(xml.run(value, bold=True))
    return p


DETAIL_SEPARATOR = " \u00b7 "


def glossary_table(entries: Sequence[GlossaryEntry], width: int):
    widths = [int(width * 0.25), width - int(width * 0.25)]
    table = new_table(
        ["Term", "Meaning"],
        widths,
        caption=GLOSSARY_CAPTION,
        description="Each abbreviation or term used in this update, with its meaning.",
    )
    for entry in entries:
        # Terms are row headers on the web page and in the PDF, printed bold there: bold here too.
        add_row(
            table,
            [Cell([text_paragraph(entry.term, bold=True)]), Cell([text_paragraph(entry.meaning)])],
            widths,
            keep_whole=True,
        )
    return table


GLOSSARY_CAPTION = "Terms and abbreviations"


def data_table(rows: Sequence[Sequence[str]], width: int, caption: str):
    """A chart's figures as a table; the first row is the header row."""
    if not rows:
        return None
    header, body = list(rows[0]), rows[1:]
    first = int(width * 0.4) if len(header) > 1 else width
    rest = len(header) - 1
    widths = [first] + [(width - first) // rest] * rest if rest else [first]
    table = new_table(
        header, widths, caption=caption, description=f"The figures behind the chart: {', '.join(header)}."
    )
    for row in body:
        values = list(row) + [""] * (len(header) - len(row))
        # The first cell names the row (a row header on the web page and in the PDF): bold.
        add_row(
            table,
            [Cell([text_paragraph(str(value), bold=index == 0)]) for index, value in enumerate(values[: len(header)])],
            widths,
            keep_whole=True,
        )
    return table


def text_paragraph(text: str, bold: bool = False):
    p = xml.paragraph(TEXT_STYLE)
    if text:
        p.append(xml.run(text, bold=bold))
    return p


def new_table(headers: Sequence[str], widths: Sequence[int], *, caption: str, description: str):
    """A fixed-layout table with its caption, description and a header row that repeats on every page."""
    table = OxmlElement("w:tbl")
    properties = OxmlElement("w:tblPr")
    properties.append(element("w:tblStyle", val=TABLE_STYLE))
    properties.append(element("w:tblW", w=sum(widths), type="dxa"))
    properties.append(element("w:tblLayout", type="fixed"))
    properties.append(
        element("w:tblLook", val="04A0", firstRow=1, lastRow=0, firstColumn=0, lastColumn=0, noHBand=1, noVBand=1)
    )
    properties.append(element("w:tblCaption", val=clean(caption)))
    properties.append(element("w:tblDescription", val=clean(description)))
    table.append(properties)
    grid = OxmlElement("w:tblGrid")
    for width in widths:
        grid.append(element("w:gridCol", w=width))
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


def add_row(table, cells: Sequence[Cell], widths: Sequence[int], keep_whole: bool = False) -> None:
    row = OxmlElement("w:tr")
    if keep_whole:
        properties = OxmlElement("w:trPr")
        properties.append(OxmlElement("w:cantSplit"))
        row.append(properties)
    for cell, width in zip(cells, widths):
        row.append(_cell(cell, width))
    table.append(row)


def _cell(cell: Cell, width: int):
    tc = OxmlElement("w:tc")
    properties = OxmlElement("w:tcPr")
    properties.append(element("w:tcW", w=width, type="dxa"))
    if cell.merge == "restart":
        properties.append(element("w:vMerge", val="restart"))
    elif cell.merge == "continue":
        properties.append(OxmlElement("w:vMerge"))
    tc.append(properties)
    # Word requires at least one paragraph in every cell.
    tc.extend(list(cell.paragraphs) or [xml.paragraph(TEXT_STYLE)])
    return tc
