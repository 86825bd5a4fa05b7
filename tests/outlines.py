"""The outline of each finished output, read back from its own bytes, so the three formats can be compared.

An outline is a list of items in reading order:
  ("cover", lines)                      the cover's lines: draft marking (boxed), title, edition, details
  ("heading", level, text, new_page)    level 1-3 under the title; new_page when a page break is forced
                                        before it (DOCX: page break before; HTML: a section print.css
                                        starts on a new page; PDF: the heading is the first thing on
                                        its page, see pdf_outline)
  ("caption", text)                     a figure's caption
  ("drawing",)                          a chart's drawing
  ("table", header cells)               a table, by its header row
and a set of the words printed bold inside tables (emphasis).
"""

from __future__ import annotations

import io
import re

import pikepdf
from docx import Document
from docx.oxml.ns import qn
from lxml import html as lxml_html

from reportgen.accessibility.pdf_content import read_page
from reportgen.writers.pdf.structure import read_structure

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
CONTENTS = "Contents"


def squash(text: str) -> str:
    return " ".join((text or "").split())


# ---------------------------------------------------------------- DOCX


def docx_outline(data: bytes) -> tuple[list[tuple], set[str]]:
    document = Document(io.BytesIO(data))
    items: list[tuple] = []
    cover: list[str] = []
    in_cover = True
    bold: set[str] = set()
    for child in document.element.body:
        if child.tag == W + "p":
            style = child.find(f"{W}pPr/{W}pStyle")
            style = style.get(qn("w:val")) if style is not None else ""
            text = squash("".join(t.text or "" for t in child.iter(W + "t")))
            if style == "TOCHeading":
                in_cover = False
                continue
            if in_cover:
                if style == "DraftMarking" and child.find(f"{W}pPr/{W}pBdr") is not None:
                    cover.append(f"[boxed] {text}")
                elif text:
                    cover.append(text)
                continue
            if style.startswith("TOC"):
                continue
            if style.startswith("Heading") and style[7:].isdigit():
                new_page = child.find(f"{W}pPr/{W}pageBreakBefore") is not None
                items.append(("heading", int(style[7:]), text, new_page))
            elif style == "Caption":
                items.append(("caption", text))
            if child.find(f".//{W}drawing") is not None:
                items.append(("drawing",))
        elif child.tag == W + "tbl":
            rows = child.findall(W + "tr")
            header = [squash("".join(t.text or "" for t in cell.iter(W + "t"))) for cell in rows[0].findall(W + "tc")]
            items.append(("table", tuple(header)))
            for row in rows[1:]:
                for run in row.iter(W + "r"):
                    if run.find(f"{W}rPr/{W}b") is not None:
                        words = squash("".join(t.text or "" for t in run.iter(W + "t")))
                        if words:
                            bold.add(words)
    return [("cover", tuple(cover))] + items, bold


# ---------------------------------------------------------------- HTML

_FORCED_BREAK_CLASSES = ("chapter", "back-page")  # print.css: break-before: page
# print.css also ends the cover and the contents with a page break: the first heading after them.


def html_outline(data: bytes) -> tuple[list[tuple], set[str]]:
    doc = lxml_html.fromstring(data)
    cover: list[str] = []
    for node in doc.xpath("//header[contains(@class,'cover')]/*"):
        text = squash(node.text_content())
        cover.append(f"[boxed] {text}" if "draft-banner" in (node.get("class") or "") else text)
    items: list[tuple] = [("cover", tuple(cover))]
    bold: set[str] = set()
    for node in doc.xpath(
        "//main//*[self::h2 or self::h3 or self::h4 or self::figcaption or self::table"
        " or (self::svg and not(ancestor::div[contains(@class,'narrow')]))]"
        " | //footer[contains(@class,'back-page')]/h2"
    ):
        tag = node.tag
        if tag in ("h2", "h3", "h4"):
            parent = node.getparent()
            classes = (parent.get("class") or "").split()
            new_page = node is parent[0] and (
                any(c in classes for c in _FORCED_BREAK_CLASSES) or not any(item[0] == "heading" for item in items)
            )
            items.append(("heading", int(tag[1]) - 1, squash(node.text_content()), new_page))
        elif tag == "figcaption":
            items.append(("caption", squash(node.text_content())))
        elif tag == "svg":
            items.append(("drawing",))
        elif tag == "table":
            items.append(("table", tuple(squash(th.text_content()) for th in node.xpath("./thead/tr[1]/th"))))
            for strong in node.xpath(
                ".//tbody//strong | .//tbody//b | .//tbody//th[@scope='row' or @scope='rowgroup']"
            ):
                bold.add(squash(strong.text_content()))
    return items, bold


# ---------------------------------------------------------------- PDF

_HEADING = re.compile(r"^H([1-6])$")


def pdf_outline(data: bytes) -> tuple[list[tuple], set[str]]:
    """From the tagged structure (what assistive technology reads) and the pages' text.

    A heading is marked new_page when it is the first tagged content on its page; a natural page
    break just before a heading is therefore also reported, which the test allows for (see there).
    """
    with pikepdf.open(io.BytesIO(data)) as pdf:
        tree = read_structure(pdf)
        cache: dict = {}
        pages = [read_page(page, cache) for page in pdf.pages]
    texts = [page.mcid_text for page in pages]

    def text_of(element) -> str:
        parts = [texts[page].get(mcid, "") for page, mcid in element.content if page is not None]
        for child in element.children:
            parts.append(text_of(child))
        return squash(" ".join(parts))

    def first_content(element):
        if element.content:
            return element.content[0]
        for child in element.children:
            found = first_content(child)
            if found:
                return found
        return None

    first_on_page: dict[int, int] = {}  # page -> smallest MCID in a tagged element
    for element in tree.elements:
        for page, mcid in element.content:
            if page is not None and texts[page].get(mcid, "").strip():
                first_on_page[page] = min(first_on_page.get(page, mcid), mcid)

    cover: list[str] = []
    items: list[tuple] = []
    bold: set[str] = set()
    in_table_rows = set()
    for element in tree.elements:
        role = element.role or ""
        heading = _HEADING.match(role)
        if element.page == 0 and role in ("P", "H1"):
            text = text_of(element)
            if text:
                boxed = role == "P" and "DRAFT" in text and not cover
                cover.append(f"[boxed] {text}" if boxed else text)
            continue
        if heading and role != "H1":
            text = text_of(element)
            if text == CONTENTS:
                continue
            start = first_content(element)
            new_page = start is not None and first_on_page.get(start[0]) == start[1]
            items.append(("heading", int(heading.group(1)) - 1, text, new_page))
        elif role == "Caption" and element.ancestor("Table") is None:
            items.append(("caption", text_of(element)))
        elif role == "Figure":
            items.append(("drawing",))
        elif role == "Table":
            header = next((row for row in element.descendants() if row.role == "TR"), None)
            cells = tuple(text_of(cell) for cell in header.children if cell.role in ("TH", "TD")) if header else ()
            # A table broken across pages is tagged as one Table a page, each with its repeated header row
            # (WeasyPrint); to a reader it is one table, so a fragment right after its first part is skipped.
            if not (items and items[-1] == ("table", cells) and cells):
                items.append(("table", cells))
            header_content = {
                c for cell in ([header] + list(header.descendants()) if header else []) for c in cell.content
            }
            in_table_rows.update(c for node in element.descendants() for c in node.content if c not in header_content)
    # Bold words inside tables: the runs drawn in a bold face whose marked content belongs to a table.
    for index, page in enumerate(pages):
        chunk: list[str] = []
        for run in page.runs:
            if run.bold and not run.artifact and (index, run.mcid) in in_table_rows:
                chunk.append(run.text)
            elif chunk:
                bold.add(squash("".join(chunk)))
                chunk = []
        if chunk:
            bold.add(squash("".join(chunk)))
    return [("cover", tuple(cover))] + items, {b for b in bold if b}


def differences(
    reference: tuple[list[tuple], set[str]], other: tuple[list[tuple], set[str]], paged: bool = False
) -> list[str]:
    """Every way `other` differs from `reference`, as readable lines; [] when they agree.

    `paged` marks a laid-out PDF, whose headings can also start a page because the page before
    filled up; only a forced break missing there is a difference.
    """
    import difflib

    items, bold = reference
    theirs, their_bold = other
    if paged:
        forced = {(item[1], item[2]) for item in items if item[0] == "heading" and item[3]}
        theirs = [
            item[:3] + (item[3] and (item[1], item[2]) in forced,) if item[0] == "heading" else item for item in theirs
        ]
    found = [
        line
        for line in difflib.unified_diff([repr(i) for i in items], [repr(i) for i in theirs], lineterm="", n=0)
        if line[:1] in "+-" and line[:3] not in ("---", "+++")
    ]

    def squeeze(words: set[str]) -> set[str]:  # a PDF's lines join without their space
        return {re.sub(r"\s+", "", w) for w in words}

    found += [f"bold only in the first: {w}" for w in sorted(squeeze(bold) - squeeze(their_bold))]
    found += [f"bold only in the second: {w}" for w in sorted(squeeze(their_bold) - squeeze(bold))]
    return found
