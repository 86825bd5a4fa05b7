"""Word documents made with python-docx, and pieces it has no friendly call for, shared by the DOCX tests."""

from __future__ import annotations

import base64
import io

import docx
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import RGBColor


def add_hyperlink(paragraph, text: str, url: str) -> None:
    """Append an external hyperlink run, as Word writes one, to `paragraph`."""
    relation = paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), relation)
    run = OxmlElement("w:r")
    text_element = OxmlElement("w:t")
    text_element.text = text
    run.append(text_element)
    link.append(run)
    paragraph._p.append(link)


PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)


def document(title: str = "Action plan update") -> docx.Document:
    made = docx.Document()
    made.core_properties.title = title
    # python-docx's own template colours Heading 2 and 3 #4F81BD, 4.0:1 on white: too pale for WCAG AA.
    for level in (2, 3):
        made.styles[f"Heading {level}"].font.color.rgb = RGBColor(0x1F, 0x3A, 0x5F)
    made.add_heading("Action plan update", 1)
    return made


def save(made: docx.Document) -> bytes:
    out = io.BytesIO()
    made.save(out)
    return out.getvalue()


def add_table(made, rows, header: bool = True):
    table = made.add_table(rows=len(rows), cols=len(rows[0]))
    for row, values in zip(table.rows, rows):
        for cell, value in zip(row.cells, values):
            cell.text = value
    if header:
        properties = table.rows[0]._tr.get_or_add_trPr()
        properties.append(OxmlElement("w:tblHeader"))
    return table


def add_picture(made, alt: str | None):
    made.add_picture(io.BytesIO(PNG))
    properties = made.paragraphs[-1]._p.xpath(".//wp:docPr")[0]
    if alt is not None:
        properties.set("descr", alt)
    else:
        properties.attrib.pop("descr", None)
    return properties


def good() -> docx.Document:
    """A document with a link, headings, a list, a table and a picture, on which the check finds nothing."""
    made = document()
    intro = made.add_paragraph("Read ")
    add_hyperlink(intro, "the full action plan", "https://example.org/plan")
    made.add_heading("Progress", 2)
    made.add_paragraph("First point", style="List Bullet")
    made.add_paragraph("Second point", style="List Bullet")
    add_table(made, [["Ref", "Update"], ["1.1", "The pilot finished in August."]])
    add_picture(made, "A chart of stops by month")
    return made
