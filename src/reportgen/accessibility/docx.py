"""DOCX checks: what Word's Accessibility Checker and public-sector guidance flag, by paragraph and table.

Each check is a registered rule reading the DocxDocument, the parsed parts of one file.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..core.findings import Finding, Source, error, warning
from ..core.readability import readability_findings
from ..core.typed_lists import TYPED_BULLET as _TYPED_BULLET  # validation reports one at its cell first
from ..ooxml.namespaces import qn
from . import Checker, register
from .contrast import WHITE, check_contrast, parse_hex
from .docx_package import NS, DocxPackage, is_on, paragraph_text, read_docx, wval
from .links import check_link_text
from .registry import check, run_checks

_TYPED_NUMBER = re.compile(r"^\s*(?:\d{1,2}|[a-z]|[ivx]{1,4})[.)]\s+\S", re.IGNORECASE)
_HYPERLINK_FIELD = re.compile(r'^\s*HYPERLINK\s+(?:"([^"]*)"|(\S+))?(?:.*?\\l\s+"([^"]*)")?', re.IGNORECASE)
_LANGUAGE = re.compile(r"^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$")


def check_docx(data: bytes, name: str, readability: bool = False) -> list[Finding]:
    """Every accessibility finding for a Word document, in document order."""
    return list(run_checks("docx", DocxDocument(read_docx(data, name), readability)))


class DocxDocument:
    """One Word document as the checks read it: its parts, its paragraphs and tables, numbered once."""

    def __init__(self, package: DocxPackage, readability: bool = False):
        self.package = package
        self.readability = readability
        body = package.document.find("w:body", NS)
        self.body = body if body is not None else package.document
        self.paragraphs = list(self.body.iter(qn("w:p")))
        self.number = {id(p): index for index, p in enumerate(self.paragraphs, start=1)}
        self.tables = list(self.body.iter(qn("w:tbl")))

    def place(self, paragraph, detail: str = "") -> Source:
        text = " ".join(paragraph_text(paragraph).split())
        snippet = f' ("{text[:40]}{"…" if len(text) > 40 else ""}")' if text else ""
        table = self._table_of(paragraph)
        where = f"paragraph {self.number.get(id(paragraph), 0)}{snippet}"
        if table:
            where = f"{table}, {where}"
        return Source(where=where + (f", {detail}" if detail else ""), quote=text or None)

    def _table_of(self, paragraph) -> str:
        cell = next((a for a in paragraph.iterancestors(qn("w:tc"))), None)
        if cell is None:
            return ""
        row = cell.getparent()
        table = row.getparent()
        rows = table.findall("w:tr", NS)
        return f"table {self.tables.index(table) + 1}, row {rows.index(row) + 1}"

    def passages(self) -> list[tuple[Source, str, str]]:
        """Each cell of an 'Update' column, else the text of each section under a heading."""
        passages = []
        for number, table in enumerate(self.tables, start=1):
            rows = table.findall("w:tr", NS)
            if len(rows) < 2:
                continue
            headers = [
                "".join(t.text or "" for t in cell.iter(qn("w:t"))).casefold() for cell in rows[0].findall("w:tc", NS)
            ]
            column = next((i for i, text in enumerate(headers) if "update" in text), None)
            if column is None:
                continue
            for index, row in enumerate(rows[1:], start=2):
                cells = row.findall("w:tc", NS)
                if column < len(cells):
                    text = "\n".join(paragraph_text(p) for p in cells[column].iter(qn("w:p")))
                    passages.append((Source(where=f"table {number}, row {index}"), "update", text))
        if passages:
            return passages
        heading, collected = None, []
        for paragraph in self.paragraphs:
            if self.package.heading_level(paragraph) is not None:
                if heading is not None and collected:
                    passages.append((self.place(heading), "section", "\n".join(collected)))
                heading, collected = paragraph, []
            elif heading is not None and paragraph_text(paragraph).strip():
                collected.append(paragraph_text(paragraph))
        if heading is not None and collected:
            passages.append((self.place(heading), "section", "\n".join(collected)))
        return passages


@check("docx", errors=["docx-title"])
def document_title(document: DocxDocument) -> Iterator[Finding]:
    """A document needs a title in its properties: screen readers and search results name it by that."""
    title = document.package.core.find("dc:title", NS) if document.package.core is not None else None
    if title is None or not (title.text or "").strip():
        yield error(
            "docx-title",
            "the document has no title in its properties (File > Info > Title); set "
            "it so screen readers and search results can name the document",
            Source(where="document"),
        )


@check("docx", errors=["docx-language"])
def document_language(document: DocxDocument) -> Iterator[Finding]:
    """A document needs a language, or screen readers may read it with the wrong voice."""
    languages = []
    lang = document.package.default_rpr.find("w:lang", NS) if document.package.default_rpr is not None else None
    if lang is not None:
        languages.append(lang.get(qn("w:val")))
    for style in document.package.style_chain(
        next((s.id for s in document.package.styles.values() if s.name.lower() == "normal"), None)
    ):
        if style.rpr is not None and style.rpr.find("w:lang", NS) is not None:
            languages.append(style.rpr.find("w:lang", NS).get(qn("w:val")))
    settings_lang = (
        document.package.settings.find("w:themeFontLang", NS) if document.package.settings is not None else None
    )
    if settings_lang is not None:
        languages.append(settings_lang.get(qn("w:val")))
    core_lang = document.package.core.find("dc:language", NS) if document.package.core is not None else None
    if core_lang is not None:
        languages.append(core_lang.text)
    valid = [tag for tag in languages if tag and _LANGUAGE.match(tag.strip())]
    if not valid:
        yield error(
            "docx-language",
            "the document does not set its language (Review > Language, or the Normal "
            "style's language), so screen readers may read it with the wrong voice; set it, for "
            "example English (United Kingdom)",
            Source(where="document"),
        )


@check("docx", errors=["docx-heading-skipped"], warnings=["docx-no-headings"])
def heading_levels(document: DocxDocument) -> Iterator[Finding]:
    """Headings start at Heading 1 and skip no level; a long document has some, to navigate by."""
    previous = 0
    headings = 0
    for paragraph in document.paragraphs:
        level = document.package.heading_level(paragraph)
        if level is None or not paragraph_text(paragraph).strip():
            continue
        headings += 1
        if previous == 0 and level > 1:
            yield error(
                "docx-heading-skipped",
                f"the first heading is Heading {level}, not Heading 1; start the headings at level 1",
                document.place(paragraph),
            )
        elif previous and level > previous + 1:
            yield error(
                "docx-heading-skipped",
                f"Heading {level} follows Heading {previous}, skipping a level; use Heading {previous + 1}",
                document.place(paragraph),
            )
        previous = level
    if not headings and len(document.paragraphs) > 20:
        yield warning(
            "docx-no-headings",
            "the document uses no heading styles, so nobody can navigate it by "
            "headings; apply Heading 1, Heading 2 and so on to the headings",
            Source(where="document"),
        )


@check("docx", errors=["docx-alt-text"], warnings=["docx-object-not-inline"])
def pictures(document: DocxDocument) -> Iterator[Finding]:
    """A picture needs alt text unless marked decorative, and sits in line with the text to be read in order."""
    for paragraph in document.paragraphs:
        for drawing in paragraph.iter(qn("w:drawing")):
            frame = drawing[0] if len(drawing) else None
            properties = frame.find("wp:docPr", NS) if frame is not None else None
            label = (properties.get("name") if properties is not None else None) or "picture"
            decorative = properties is not None and any(
                d.get("val") in ("1", "true") for d in properties.iter(qn("adec:decorative"))
            )
            described = properties is not None and (
                (properties.get("descr") or "").strip() or (properties.get("title") or "").strip()
            )
            if not described and not decorative:
                yield error(
                    "docx-alt-text",
                    f"'{label}' has no alternative text, so screen reader users miss "
                    "what it shows; add alt text (right-click > View Alt Text), or mark it as "
                    "decorative",
                    document.place(paragraph, label),
                )
            if frame is not None and frame.tag == qn("wp:anchor"):
                yield warning(
                    "docx-object-not-inline",
                    f"'{label}' floats over the text instead of sitting in "
                    "line with it, so screen readers may read it out of order; set its wrapping to "
                    "In Line with Text",
                    document.place(paragraph, label),
                )
        for shape in paragraph.iter(qn("v:shape")):
            image = shape.find("v:imagedata", NS)
            if image is None:
                continue
            if not (shape.get("alt") or "").strip() and not (image.get(qn("o:title")) or "").strip():
                yield error(
                    "docx-alt-text",
                    "a picture has no alternative text; add alt text",
                    document.place(paragraph, "picture"),
                )


@check("docx", errors=["docx-table-header", "docx-table-header-merged"], warnings=["docx-table-merged"])
def tables(document: DocxDocument) -> Iterator[Finding]:
    """A table has a repeating header row, unmerged header cells, and body rows merged only as row-group labels."""
    for number, table in enumerate(document.tables, start=1):
        rows = table.findall("w:tr", NS)
        if not rows:
            continue
        place = Source(where=f"table {number}, row 1")
        first = rows[0]
        header = first.find("w:trPr/w:tblHeader", NS)
        if len(rows) >= 2 and not is_on(header):
            yield error(
                "docx-table-header",
                "the table has no header row, so screen readers cannot say which "
                "column a cell is in; select its first row and tick Table Properties > Row > Repeat as "
                "header row at the top of each page",
                place,
            )
        for cell in first.findall("w:tc", NS):
            properties = cell.find("w:tcPr", NS)
            span = wval(properties, "gridSpan")
            if (span and span.isdigit() and int(span) > 1) or (
                properties is not None and properties.find("w:vMerge", NS) is not None
            ):
                yield error(
                    "docx-table-header-merged",
                    "the header row has merged cells, so its headings do "
                    "not line up with the columns; split them so each column has its own heading",
                    place,
                )
                break
        for index, row in enumerate(rows[1:], start=2):
            # A first-column cell merged down a group of rows labels that group (a shared
            # Ref), the accessible pattern of a row-group header; other merges scramble reading.
            merged = any(
                (wval(c.find("w:tcPr", NS), "gridSpan") or "1") not in ("1",)
                or (position > 0 and c.find("w:tcPr/w:vMerge", NS) is not None)
                for position, c in enumerate(row.findall("w:tc", NS))
            )
            if merged:
                yield warning(
                    "docx-table-merged",
                    "the row has cells merged across columns, or down a column "
                    "other than the first, which screen readers often read in the wrong order; avoid "
                    "merging where you can",
                    Source(where=f"table {number}, row {index}"),
                )
                break


@check("docx", errors=["link-text-missing"], warnings=["link-text-bare-url", "link-text-unclear"])
def link_text(document: DocxDocument) -> Iterator[Finding]:
    """A link's text says where it goes: hyperlinks, and HYPERLINK fields simple or complex."""
    for paragraph in document.paragraphs:
        for link in paragraph.iter(qn("w:hyperlink")):
            relation = link.get(qn("r:id"))
            href = document.package.relationships.get(relation) if relation else None
            if href is None and link.get(qn("w:anchor")):
                href = "#" + link.get(qn("w:anchor"))
            text = "".join(t.text or "" for t in link.iter(qn("w:t")))
            finding = check_link_text(text, href, document.place(paragraph, "link"))
            if finding is not None:
                yield finding
        for field_link in paragraph.iter(qn("w:fldSimple")):
            match = _HYPERLINK_FIELD.match(field_link.get(qn("w:instr"), ""))
            if match:
                text = "".join(t.text or "" for t in field_link.iter(qn("w:t")))
                finding = check_link_text(text, match.group(1) or match.group(2), document.place(paragraph, "link"))
                if finding is not None:
                    yield finding
        yield from _complex_field_links(document, paragraph)


def _complex_field_links(document: DocxDocument, paragraph) -> Iterator[Finding]:
    state, instruction, result = None, "", []
    for node in paragraph.iter(qn("w:fldChar"), qn("w:instrText"), qn("w:t")):
        if node.tag == qn("w:fldChar"):
            kind = node.get(qn("w:fldCharType"))
            if kind == "begin":
                state, instruction, result = "instr", "", []
            elif kind == "separate" and state == "instr":
                state = "result"
            elif kind == "end" and state is not None:
                match = _HYPERLINK_FIELD.match(instruction)
                if match:
                    finding = check_link_text(
                        "".join(result), match.group(1) or match.group(2), document.place(paragraph, "link")
                    )
                    if finding is not None:
                        yield finding
                state = None
        elif node.tag == qn("w:instrText") and state == "instr":
            instruction += node.text or ""
        elif node.tag == qn("w:t") and state == "result":
            result.append(node.text or "")


@check("docx", errors=["docx-list-typed"], warnings=["docx-list-typed-number"])
def typed_lists(document: DocxDocument) -> Iterator[Finding]:
    """A list made of typed bullets or numbers is not announced as a list: use real list formatting."""
    run_start = None
    run_length = 0
    for paragraph in document.paragraphs + [None]:
        text = paragraph_text(paragraph) if paragraph is not None else ""
        plain = (
            paragraph is not None
            and not document.package.has_numbering(paragraph)
            and document.package.heading_level(paragraph) is None
        )
        if plain and _TYPED_BULLET.match(text):
            yield error(
                "docx-list-typed",
                "this list item starts with a typed bullet character, so screen "
                "readers do not announce a list; use Word's Bullets button or a List Bullet style",
                document.place(paragraph),
            )
        if plain and _TYPED_NUMBER.match(text) and not _TYPED_BULLET.match(text):
            run_start = run_start if run_start is not None else paragraph
            run_length += 1
            continue
        if run_length >= 2:
            yield warning(
                "docx-list-typed-number",
                f"{run_length} paragraphs in a row start with typed numbers "
                "or letters; make them a real numbered list (Home > Numbering) so screen readers "
                "announce it",
                document.place(run_start),
            )
        run_start, run_length = None, 0


@check("docx", warnings=["docx-blank-paragraphs"])
def blank_paragraphs(document: DocxDocument) -> Iterator[Finding]:
    """Empty paragraphs used for spacing are each announced as 'blank'."""
    streak: list = []
    for paragraph in document.body.iterchildren(qn("w:p"), qn("w:tbl"), qn("w:sectPr")):
        blank = (
            paragraph.tag == qn("w:p")
            and not paragraph_text(paragraph).strip()
            and paragraph.find(".//w:drawing", NS) is None
            and paragraph.find(".//w:pict", NS) is None
            and paragraph.find(".//w:br[@w:type='page']", NS) is None
            and paragraph.find("w:pPr/w:sectPr", NS) is None
        )
        if blank:
            streak.append(paragraph)
            continue
        if len(streak) >= 2:
            yield warning(
                "docx-blank-paragraphs",
                f"{len(streak)} empty paragraphs in a row are used for "
                "spacing; screen readers announce each as 'blank'; use paragraph spacing (Layout > "
                "Spacing) or a page break instead",
                document.place(streak[0]),
            )
        streak = []
    if len(streak) >= 2:
        yield warning(
            "docx-blank-paragraphs",
            f"{len(streak)} empty paragraphs at the end of the document; delete them",
            document.place(streak[0]),
        )


@check("docx", errors=["contrast-low"])
def contrast(document: DocxDocument) -> Iterator[Finding]:
    """Each run's colour against its highlight, shading or page colour meets WCAG 2's contrast minimum."""
    page = document.package.document.find("w:background", NS)
    page_colour = parse_hex(page.get(qn("w:color"))) if page is not None else None
    for paragraph in document.paragraphs:
        for run in paragraph.iter(qn("w:r")):
            text = "".join(t.text or "" for t in run.findall("w:t", NS))
            if not text.strip():
                continue
            colour_element = document.package.run_property(run, paragraph, "color")
            colour = parse_hex(colour_element.get(qn("w:val"))) if colour_element is not None else None
            if colour is None:
                continue  # automatic colour: Word picks black or white against the background
            background = _background(document.package, run, paragraph) or page_colour or WHITE
            size = document.package.run_property(run, paragraph, "sz")
            points = (
                int(size.get(qn("w:val"))) / 2 if size is not None and (size.get(qn("w:val")) or "").isdigit() else 11.0
            )
            bold = is_on(document.package.run_property(run, paragraph, "b"))
            problem = check_contrast(colour, background, points, bold)
            if problem is not None:
                yield error("contrast-low", f'"{text.strip()[:40]}": {problem.describe()}', document.place(paragraph))
                break


def _background(package: DocxPackage, run, paragraph):
    highlight = package.run_property(run, paragraph, "highlight")
    if highlight is not None and highlight.get(qn("w:val")) not in (None, "none"):
        return _HIGHLIGHTS.get(highlight.get(qn("w:val")))
    for holder in (run.find("w:rPr", NS), paragraph.find("w:pPr", NS)):
        shading = holder.find("w:shd", NS) if holder is not None else None
        colour = parse_hex(shading.get(qn("w:fill"))) if shading is not None else None
        if colour is not None:
            return colour
    cell = next(paragraph.iterancestors(qn("w:tc")), None)
    if cell is not None:
        shading = cell.find("w:tcPr/w:shd", NS)
        colour = parse_hex(shading.get(qn("w:fill"))) if shading is not None else None
        if colour is not None:
            return colour
    return None


# -- readability ------------------------------------------------------------------------------------


@check("docx", warnings=["readability"], when=lambda document: document.readability)
def reading_ease(document: DocxDocument) -> Iterator[Finding]:
    """Reading ease of each update cell, else of each section under a heading (information only)."""
    yield from readability_findings(document.passages())


_HIGHLIGHTS = {
    name: parse_hex(value)
    for name, value in {
        "yellow": "FFFF00",
        "green": "00FF00",
        "cyan": "00FFFF",
        "magenta": "FF00FF",
        "blue": "0000FF",
        "red": "FF0000",
        "darkBlue": "000080",
        "darkCyan": "008080",
        "darkGreen": "008000",
        "darkMagenta": "800080",
        "darkRed": "800000",
        "darkYellow": "808000",
        "darkGray": "808080",
        "lightGray": "C0C0C0",
        "black": "000000",
        "white": "FFFFFF",
    }.items()
}


register(Checker("docx", check_docx))
