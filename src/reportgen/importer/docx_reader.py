"""Walks a Word document's body in order into paragraphs and tables of rich-text inlines.

It reads the XML itself (through python-docx's parts) because what matters in real
editions lives where python-docx's friendly API does not look: hyperlinks made with
field codes, tracked insertions, content controls, text boxes on the cover, merged
cells, and list formatting inherited from styles.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from ..core.richtext import Inline, LineBreak, Link, Text, inline_text
from ..ooxml.namespaces import qn

_R_ID = qn("r:id")
_VAL = qn("w:val")
_SYMBOLS = {"F0B7": "•", "F0A7": "▪", "F06F": "o", "F076": "❖", "F0D8": "➢", "F0FC": "✓", "F0A8": "◦", "F02D": "-"}
_HYPERLINK_FIELD = re.compile(
    r'^\s*HYPERLINK\s+(?:"(?P<quoted>[^"]*)"|(?P<bare>[^\s\\]+))(?P<switches>.*)$', re.IGNORECASE | re.DOTALL
)
_FALSE = ("0", "false", "off", "none")


@dataclass
class Para:
    """One paragraph, wherever it stands (body, table cell or text box)."""

    place: str  # "paragraph 12" or "table 2, row 3" for findings
    style_id: str = ""
    style_name: str = ""
    heading: int | None = None  # 1 to 9 for a heading; None for text
    title: bool = False  # the Title style
    list_level: int | None = None  # the list level of a Word list paragraph
    numbered: bool = False  # a numbered (not bulleted) Word list
    inlines: tuple[Inline, ...] = ()
    pictures: list[str] = field(default_factory=list)  # alternative text of each picture
    footnotes: int = 0
    toc: bool = False  # a table-of-contents entry or heading: generated, never imported

    @property
    def text(self) -> str:
        return inline_text(self.inlines)

    @property
    def is_empty(self) -> bool:
        return not self.text.strip()


@dataclass
class Cell:
    grid_start: int
    span: int
    vmerge: str | None  # "restart", "continue" or None
    paras: list[Para]

    @property
    def text(self) -> str:
        return "\n".join(p.text for p in self.paras).strip()

    @property
    def grid_end(self) -> int:
        return self.grid_start + self.span


@dataclass
class Row:
    number: int  # 1-based within its table
    cells: list[Cell]
    repeats_as_header: bool = False  # w:tblHeader: Word's repeating header row

    @property
    def is_empty(self) -> bool:
        return all(not cell.text and not any(p.pictures for p in cell.paras) for cell in self.cells)


@dataclass
class Table:
    number: int  # 1-based among the body's tables
    rows: list[Row]
    caption: str = ""

    @property
    def grid_width(self) -> int:
        return max((cell.grid_end for row in self.rows for cell in row.cells), default=0)


class DocumentReader:
    """Reads one document's body; styles and numbering are looked up once."""

    def __init__(self, document):
        self.document = document
        self.part = document.part
        self.styles = _StyleTable(document)
        self.numbering = _numbering_formats(document)
        self.paragraph_count = 0
        self.table_count = 0
        self.order: dict[str, int] = {}  # each place's position in reading order, to sort findings by
        self._fields: list[dict] = []  # open complex fields, innermost last

    def blocks(self) -> list:
        return list(self.iter_blocks())

    def iter_blocks(self) -> Iterator:
        """The body's paragraphs and tables one at a time, for a caller that may stop early."""
        return self._body(self.document.element.body)

    def _body(self, container) -> Iterator:
        for child in container:
            tag = child.tag
            if tag == qn("w:p"):
                self.paragraph_count += 1
                yield from self.paragraph(child, f"paragraph {self.paragraph_count}")
            elif tag == qn("w:tbl"):
                self.table_count += 1
                yield self.table(child, self.table_count)
            elif tag in (qn("w:sdt"), qn("w:customXml")):
                content = child.find(qn("w:sdtContent")) if tag == qn("w:sdt") else child
                if content is not None:
                    yield from self._body(content)

    # --- paragraphs ------------------------------------------------------------------

    def paragraph(self, p, place: str) -> Iterator[Para]:
        """The paragraph, preceded by any text boxes anchored in it (cover pages put titles there)."""
        para = Para(place)
        self.order.setdefault(place, len(self.order))
        properties = p.find(qn("w:pPr"))
        style_id = _val(properties, "w:pStyle") or self.styles.default_paragraph
        style = self.styles.get(style_id)
        para.style_id, para.style_name = style_id or "", style.name
        direct_outline = _val(properties, "w:outlineLvl")
        para.toc = style.is_toc or any(f["kind"] == "TOC" for f in self._fields)
        para.title = style.is_title
        level = style.heading
        if direct_outline is not None and direct_outline.isdigit() and int(direct_outline) < 9:
            level = int(direct_outline) + 1
        para.heading = None if para.toc or para.title else level
        self._list_properties(para, properties, style)
        boxes: list[Para] = []
        inlines: list[Inline] = []
        self._inlines(p, inlines, para, boxes)
        for pending in self._fields:
            # A link field still open at the paragraph's end: keep its words in this paragraph.
            if pending["kind"] == "HYPERLINK" and pending["phase"] == "result" and pending["buffer"]:
                inlines.append(
                    Link(pending["href"], tuple(pending["buffer"]))
                    if pending["href"]
                    else Text(inline_text(pending["buffer"]))
                )
                pending["buffer"] = []
        para.inlines = tuple(inlines)
        yield from boxes
        yield para

    def _list_properties(self, para: Para, properties, style) -> None:
        num_id, level = style.num_id, style.list_level
        numbering = properties.find(qn("w:numPr")) if properties is not None else None
        if numbering is not None:
            direct_id = _val(numbering, "w:numId")
            direct_level = _val(numbering, "w:ilvl")
            num_id = direct_id if direct_id is not None else num_id
            if direct_level is not None and direct_level.isdigit():
                level = int(direct_level)
        if num_id is None or num_id == "0":
            return
        kind = self.numbering.get((num_id, level), self.numbering.get((num_id, 0), "bullet"))
        if kind == "none":
            return
        para.list_level = level
        para.numbered = kind != "bullet"

    def _inlines(self, element, out: list, para: Para, boxes: list) -> None:
        for child in element:
            tag = child.tag
            if tag == qn("w:r"):
                self._run(child, out, para, boxes)
            elif tag == qn("w:hyperlink"):
                inner: list[Inline] = []
                self._inlines(child, inner, para, boxes)
                href = self._relationship_target(child.get(_R_ID))
                if href:
                    self._emit(out, Link(href, tuple(node for node in inner if not isinstance(node, Link))))
                else:
                    for node in inner:  # an internal link (a bookmark) is only its words here
                        self._emit(out, node)
            elif tag == qn("w:fldSimple"):
                inner = []
                self._inlines(child, inner, para, boxes)
                href = _field_href(child.get(qn("w:instr")) or "")
                self._emit(out, Link(href, tuple(inner)) if href else None, inner)
            elif tag in (qn("w:ins"), qn("w:smartTag"), qn("w:customXml"), qn("w:moveTo"), qn("w:dir"), qn("w:bdo")):
                self._inlines(child, out, para, boxes)
            elif tag == qn("w:sdt"):
                content = child.find(qn("w:sdtContent"))
                if content is not None:
                    self._inlines(content, out, para, boxes)
            elif tag == qn("mc:AlternateContent"):
                choice = child.find(qn("mc:Choice"))
                if choice is None:
                    choice = child.find(qn("mc:Fallback"))
                if choice is not None:
                    self._inlines(choice, out, para, boxes)
            # w:del, w:moveFrom, bookmarks, proofing marks and comments carry no published words.

    def _run(self, run, out: list, para: Para, boxes: list) -> None:
        properties = run.find(qn("w:rPr"))
        character = self.styles.get(_val(properties, "w:rStyle"))
        bold = _flag(properties, "w:b", character.bold)
        italic = _flag(properties, "w:i", character.italic)
        underline_value = _val(properties, "w:u")
        underline = underline_value is not None and underline_value.casefold() not in _FALSE
        for child in run:
            tag = child.tag
            if tag == qn("w:t"):
                self._emit(out, Text(child.text or "", bold, italic, underline))
            elif tag == qn("w:tab") or tag == qn("w:ptab"):
                self._emit(out, Text("\t", bold, italic, underline))
            elif tag == qn("w:br"):
                if child.get(qn("w:type")) in (None, "textWrapping"):
                    self._emit(out, LineBreak())
            elif tag == qn("w:cr"):
                self._emit(out, LineBreak())
            elif tag == qn("w:noBreakHyphen"):
                self._emit(out, Text("-", bold, italic, underline))
            elif tag == qn("w:sym"):
                code = (child.get(qn("w:char")) or "").upper()
                symbol = _SYMBOLS.get(code) or (
                    chr(int(code, 16) & 0xFF) if re.fullmatch(r"[0-9A-F]{2,4}", code) else ""
                )
                self._emit(out, Text(symbol, bold, italic, underline))
            elif tag == qn("w:fldChar"):
                self._field_char(child, out)
            elif tag == qn("w:instrText"):
                if self._fields:
                    self._fields[-1]["instruction"] += child.text or ""
            elif tag in (qn("w:drawing"), qn("w:pict"), qn("w:object")) or tag == qn("mc:AlternateContent"):
                self._drawing(child, para, boxes)
            elif tag in (qn("w:footnoteReference"), qn("w:endnoteReference")):
                para.footnotes += 1

    def _drawing(self, element, para: Para, boxes: list) -> None:
        if element.tag == qn("mc:AlternateContent"):
            choice = element.find(qn("mc:Choice"))
            element = choice if choice is not None else element
        text_boxes = list(element.iter(qn("w:txbxContent")))
        if text_boxes:
            for box in text_boxes:
                for p in box.iter(qn("w:p")):
                    boxes.extend(self.paragraph(p, f"{para.place} (text box)"))
            return
        descriptions = [doc.get("descr") or doc.get("title") or "" for doc in element.iter(qn("wp:docPr"))]
        para.pictures.append(next((d for d in descriptions if d), ""))

    def _field_char(self, element, out: list) -> None:
        kind = element.get(qn("w:fldCharType"))
        if kind == "begin":
            self._fields.append({"instruction": "", "phase": "instruction", "kind": "", "href": None, "buffer": []})
        elif kind == "separate" and self._fields:
            current = self._fields[-1]
            current["phase"] = "result"
            instruction = current["instruction"].strip()
            current["kind"] = instruction.split(" ", 1)[0].upper() if instruction else ""
            current["href"] = _field_href(instruction)
        elif kind == "end" and self._fields:
            current = self._fields.pop()
            if current["kind"] == "HYPERLINK" and current["buffer"]:
                node = Link(current["href"], tuple(current["buffer"])) if current["href"] else None
                self._emit(out, node, current["buffer"])

    def _emit(self, out: list, node, fallback: list | None = None) -> None:
        """Add a node where it belongs: inside an open link field's result, else to the paragraph."""
        nodes = [node] if node is not None else list(fallback or [])
        for field_state in reversed(self._fields):
            if field_state["phase"] == "instruction":
                return  # a field's code is not published text
            if field_state["kind"] == "HYPERLINK":
                field_state["buffer"].extend(n for n in nodes if not isinstance(n, Link))
                return
        out.extend(nodes)

    def _relationship_target(self, relationship_id: str | None) -> str | None:
        if not relationship_id:
            return None
        relationship = self.part.rels.get(relationship_id)
        if relationship is None or not relationship.is_external:
            return None
        return relationship.target_ref

    # --- tables ----------------------------------------------------------------------

    def table(self, tbl, number: int) -> Table:
        properties = tbl.find(qn("w:tblPr"))
        table = Table(number, [], _val(properties, "w:tblCaption") or "")
        for row_number, tr in enumerate(_rows(tbl), start=1):
            self.order.setdefault(f"table {number}, row {row_number}", len(self.order))
            row_properties = tr.find(qn("w:trPr"))
            start = _int(_val(row_properties, "w:gridBefore"), 0)
            header = (
                row_properties is not None
                and row_properties.find(qn("w:tblHeader")) is not None
                and _val(row_properties, "w:tblHeader") not in _FALSE
            )
            row = Row(row_number, [], header)
            for tc in _cells(tr):
                cell_properties = tc.find(qn("w:tcPr"))
                span = max(1, _int(_val(cell_properties, "w:gridSpan"), 1))
                vmerge_element = cell_properties.find(qn("w:vMerge")) if cell_properties is not None else None
                vmerge = None
                if vmerge_element is not None:
                    vmerge = "restart" if vmerge_element.get(_VAL) == "restart" else "continue"
                if (
                    cell_properties is not None
                    and cell_properties.find(qn("w:hMerge")) is not None
                    and _val(cell_properties, "w:hMerge") != "restart"
                    and row.cells
                ):
                    row.cells[-1].span += span  # the legacy horizontal merge: part of the cell before
                    start += span
                    continue
                place = f"table {number}, row {row_number}"
                paras = list(self._cell_paragraphs(tc, place))
                row.cells.append(Cell(start, span, vmerge, paras))
                start += span
            table.rows.append(row)
        return table

    def _cell_paragraphs(self, container, place: str) -> Iterator[Para]:
        for child in container:
            if child.tag == qn("w:p"):
                yield from self.paragraph(child, place)
            elif child.tag == qn("w:tbl"):
                # A table inside a cell: its paragraphs in reading order, row by row.
                for tr in _rows(child):
                    for tc in _cells(tr):
                        yield from self._cell_paragraphs(tc, place)
            elif child.tag in (qn("w:sdt"), qn("w:customXml")):
                content = child.find(qn("w:sdtContent")) if child.tag == qn("w:sdt") else child
                if content is not None:
                    yield from self._cell_paragraphs(content, place)


def _rows(tbl) -> Iterator:
    for child in tbl:
        if child.tag == qn("w:tr"):
            yield child
        elif child.tag in (qn("w:sdt"), qn("w:customXml")):
            content = child.find(qn("w:sdtContent")) if child.tag == qn("w:sdt") else child
            if content is not None:
                yield from _rows(content)


def _cells(tr) -> Iterator:
    for child in tr:
        if child.tag == qn("w:tc"):
            yield child
        elif child.tag in (qn("w:sdt"), qn("w:customXml")):
            content = child.find(qn("w:sdtContent")) if child.tag == qn("w:sdt") else child
            if content is not None:
                yield from _cells(content)


def _field_href(instruction: str) -> str | None:
    match = _HYPERLINK_FIELD.match(instruction or "")
    if match is None:
        return None
    target = match["quoted"] if match["quoted"] is not None else match["bare"]
    if re.search(r"\\l\b", match["switches"] or "") and not target:
        return None
    return target or None


def _val(properties, tag: str) -> str | None:
    if properties is None:
        return None
    element = properties.find(qn(tag))
    return None if element is None else element.get(_VAL)


def _flag(properties, tag: str, inherited: bool) -> bool:
    if properties is None:
        return inherited
    element = properties.find(qn(tag))
    if element is None:
        return inherited
    value = element.get(_VAL)
    return value is None or value.casefold() not in _FALSE


def _int(text: str | None, default: int) -> int:
    return int(text) if text is not None and text.isdigit() else default


# --- styles and numbering ----------------------------------------------------------------


@dataclass(frozen=True)
class _Style:
    name: str = ""
    heading: int | None = None
    is_title: bool = False
    is_toc: bool = False
    num_id: str | None = None
    list_level: int = 0
    bold: bool = False
    italic: bool = False


_NO_STYLE = _Style()


class _StyleTable:
    """Each style's name, heading level, list numbering and bold/italic, with basedOn resolved."""

    def __init__(self, document):
        self._elements = {}
        self.default_paragraph = None
        root = document.styles.element
        for style in root.findall(qn("w:style")):
            style_id = style.get(qn("w:styleId"))
            if style_id:
                self._elements[style_id] = style
                if style.get(qn("w:type")) == "paragraph" and style.get(qn("w:default")) in ("1", "true"):
                    self.default_paragraph = style_id
        self._resolved: dict[str, _Style] = {}

    def get(self, style_id: str | None) -> _Style:
        if not style_id or style_id not in self._elements:
            return _NO_STYLE
        if style_id not in self._resolved:
            self._resolved[style_id] = _NO_STYLE  # a basedOn loop stops here
            self._resolved[style_id] = self._resolve(style_id)
        return self._resolved[style_id]

    def _resolve(self, style_id: str) -> _Style:
        element = self._elements[style_id]
        parent = self.get(_val(element, "w:basedOn"))
        name = _val(element, "w:name") or style_id
        key = name.casefold().replace(" ", "")
        paragraph = element.find(qn("w:pPr"))
        run = element.find(qn("w:rPr"))
        heading = parent.heading
        outline = _val(paragraph, "w:outlineLvl")
        if outline is not None and outline.isdigit():
            heading = int(outline) + 1 if int(outline) < 9 else None
        match = re.fullmatch(r"heading(\d)", key)
        if match:
            heading = int(match.group(1))
        num_id, level = parent.num_id, parent.list_level
        numbering = paragraph.find(qn("w:numPr")) if paragraph is not None else None
        if numbering is not None:
            num_id = _val(numbering, "w:numId") or num_id
            level = _int(_val(numbering, "w:ilvl"), level)
        listed = re.fullmatch(r"list(?:bullet|number)(\d)", key)
        if listed and (numbering is None or _val(numbering, "w:ilvl") is None):
            level = int(listed.group(1)) - 1
        return _Style(
            name=name,
            heading=heading,
            is_title=key == "title" or parent.is_title,
            is_toc=key.startswith("toc") or key == "tocheading" or parent.is_toc,
            num_id=num_id,
            list_level=level,
            bold=_flag(run, "w:b", parent.bold),
            italic=_flag(run, "w:i", parent.italic),
        )


def _numbering_formats(document) -> dict[tuple[str, int], str]:
    """(numId, level) -> the level's number format: "bullet", "decimal", "none" and so on."""
    try:
        numbering = document.part.numbering_part.element
    except (KeyError, NotImplementedError, AttributeError):
        return {}
    abstract: dict[str, dict[int, str]] = {}
    for definition in numbering.findall(qn("w:abstractNum")):
        levels = {}
        for level in definition.findall(qn("w:lvl")):
            levels[_int(level.get(qn("w:ilvl")), 0)] = _val(level, "w:numFmt") or "decimal"
        abstract[definition.get(qn("w:abstractNumId"))] = levels
    formats: dict[tuple[str, int], str] = {}
    for num in numbering.findall(qn("w:num")):
        levels = dict(abstract.get(_val(num, "w:abstractNumId"), {}))
        for override in num.findall(qn("w:lvlOverride")):
            level = override.find(qn("w:lvl"))
            if level is not None:
                levels[_int(override.get(qn("w:ilvl")), 0)] = _val(level, "w:numFmt") or "decimal"
        for index, kind in levels.items():
            formats[(num.get(qn("w:numId")), index)] = kind
    return formats
