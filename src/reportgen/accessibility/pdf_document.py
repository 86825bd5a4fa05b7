"""The PDF as the checks read it: pikepdf's objects, each page's content and the structure tree, read once."""

from __future__ import annotations

import re
from functools import cached_property

import pikepdf

from ..core.findings import Source
from ..writers.pdf.structure import Element, StructureTree
from .grid import layout
from .pdf_content import PageContent

HEADING = re.compile(r"^H([1-6])$")


class PdfDocument:
    """One PDF file: the open pikepdf document, what each page's content holds, and its structure tree."""

    def __init__(
        self,
        pdf: pikepdf.Pdf,
        pages: list[PageContent],
        structure: StructureTree | None,
        readability: bool = False,
    ):
        self.pdf = pdf
        self.pages = pages
        self.structure = structure
        self.readability = readability

    def text(self, element: Element) -> str:
        """What the element reads as: its /ActualText, else the text of its marked content and children."""
        actual = element.text_value("/ActualText")
        if actual is not None:
            return actual
        parts = []
        for page, mcid in element.content:
            if page is not None and 0 <= page < len(self.pages):
                parts.append(self.pages[page].mcid_text.get(mcid, ""))
        for child in element.children:
            parts.append(self.text(child))
        return "".join(parts)

    def place(self, element: Element, with_text: bool = False) -> Source:
        where = element.label
        if with_text:
            text = " ".join(self.text(element).split())
            if text:
                where += f' ("{text[:40]}{"…" if len(text) > 40 else ""}")'
        if element.page is not None:
            where = f"page {element.page + 1}, {where}"
        return Source(where=where)

    @cached_property
    def mcid_owners(self) -> dict[tuple[int | None, int], Element]:
        """(page index, MCID) -> the structure element whose content it is."""
        owners = {}
        for element in self.structure.elements if self.structure else []:
            for page, mcid in element.content:
                owners[(page, mcid)] = element
        return owners

    def passages(self) -> list[tuple[Source, str, str]]:
        """The passages readability is measured on: each cell of an 'Update' column, else each section's text."""
        tree = self.structure
        passages: list[tuple[Source, str, str]] = []
        if tree is None:
            return passages
        for table in (e for e in tree.elements if e.role == "Table"):
            rows = [e for e in table.descendants() if e.role == "TR" and e.ancestor("Table") is table]
            cells = [[c for c in row.children if c.role in ("TH", "TD")] for row in rows]
            if not cells or not cells[0] or not all(c.role == "TH" for c in cells[0]):
                continue
            names = [self.text(c).strip().casefold() for c in cells[0]]
            column = next((i for i, name in enumerate(names) if "update" in name), None)
            if column is None:
                continue
            grid = layout([[(c, cell_span(c, "/RowSpan"), cell_span(c, "/ColSpan")) for c in row] for row in cells])
            for row, placed in zip(rows[1:], grid[1:]):
                cell = placed.get(column)
                if cell is not None and cell.parent is row:
                    passages.append((self.place(cell), "update", self._block_text(cell)))
        if passages:
            return passages
        heading = None
        collected: list[str] = []
        for element in tree.elements:
            if element.role and (HEADING.match(element.role) or element.role == "H"):
                if heading is not None and collected:
                    passages.append((self.place(heading), self._section_name(heading), "\n".join(collected)))
                heading, collected = element, []
            elif element.role in ("P", "LBody") and heading is not None and element.ancestor("Table") is None:
                collected.append(" ".join(self.text(element).split()))
        if heading is not None and collected:
            passages.append((self.place(heading), self._section_name(heading), "\n".join(collected)))
        return passages

    def _block_text(self, cell: Element) -> str:
        blocks = [e for e in cell.descendants() if e.role in ("P", "LBody")]
        if not blocks:
            return self.text(cell)
        return "\n".join(" ".join(self.text(b).split()) for b in blocks)

    def _section_name(self, heading: Element) -> str:
        title = " ".join(self.text(heading).split())
        return f"section “{title[:60]}”" if title else "section"


def _attribute_dictionaries(element: Element) -> list[pikepdf.Dictionary]:
    value = element.obj.get("/A")
    items = list(value) if isinstance(value, pikepdf.Array) else [value]
    return [item for item in items if isinstance(item, pikepdf.Dictionary)]


def table_attribute(element: Element, key: str):
    """The value of a Table attribute (/O /Table) of the element, such as /Scope or /RowSpan."""
    for attributes in _attribute_dictionaries(element):
        if attributes.get("/O") == "/Table" and key in attributes:
            return attributes[key]
    return None


def cell_span(cell: Element, key: str) -> int:
    value = table_attribute(cell, key)
    return int(value) if isinstance(value, int) else 1
