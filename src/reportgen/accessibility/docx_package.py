"""Reading a DOCX for checking: its XML parts (safely), styles with inheritance, and numbered places."""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from io import BytesIO

from lxml import etree

from ..core.errors import ReportgenError
from ..ooxml.namespaces import NS, qn
from ..ooxml.parts import PartTooLarge, read_xml_part, relationships
from . import first_line

_MAX_PART = 200 * 1024 * 1024  # a zip bomb stops here, not in memory
_HEADING_NAME = re.compile(r"^heading\s*([1-9])$", re.IGNORECASE)


def wval(element, name: str) -> str | None:
    """The w:val of child `name` (e.g. 'pStyle') of `element`, or None."""
    if element is None:
        return None
    child = element.find(f"w:{name}", NS)
    return child.get(qn("w:val")) if child is not None else None


def is_on(element) -> bool:
    """A toggle property such as <w:b/> or <w:tblHeader w:val="true"/>."""
    if element is None:
        return False
    return element.get(qn("w:val"), "true").lower() not in ("false", "0", "off", "none")


@dataclass
class Style:
    id: str
    name: str
    type: str
    based_on: str | None
    ppr: object = None
    rpr: object = None


@dataclass
class DocxPackage:
    document: etree._Element
    styles: dict[str, Style] = field(default_factory=dict)
    default_rpr: object = None
    relationships: dict[str, str] = field(default_factory=dict)
    core: etree._Element | None = None
    settings: etree._Element | None = None

    def style_chain(self, style_id: str | None) -> list[Style]:
        chain: list[Style] = []
        seen: set[str] = set()
        while style_id and style_id in self.styles and style_id not in seen:
            seen.add(style_id)
            style = self.styles[style_id]
            chain.append(style)
            style_id = style.based_on
        return chain

    def paragraph_style(self, paragraph) -> str | None:
        style = wval(paragraph.find("w:pPr", NS), "pStyle")
        if style is None:
            style = next(
                (s.id for s in self.styles.values() if s.type == "paragraph" and s.id and s.name.lower() == "normal"),
                None,
            )
        return style

    def heading_level(self, paragraph) -> int | None:
        """1..9 for a heading paragraph (by outline level or a 'Heading N' style), else None."""
        ppr = paragraph.find("w:pPr", NS)
        direct = wval(ppr, "outlineLvl")
        if direct is not None and direct.isdigit() and int(direct) < 9:
            return int(direct) + 1
        for style in self.style_chain(self.paragraph_style(paragraph)):
            match = _HEADING_NAME.match(style.name.strip())
            if match:
                return int(match.group(1))
            level = wval(style.ppr, "outlineLvl")
            if level is not None and level.isdigit() and int(level) < 9:
                return int(level) + 1
        return None

    def style_name(self, paragraph) -> str:
        style_id = self.paragraph_style(paragraph)
        return self.styles[style_id].name if style_id in self.styles else ""

    def has_numbering(self, paragraph) -> bool:
        ppr = paragraph.find("w:pPr", NS)
        num = ppr.find("w:numPr", NS) if ppr is not None else None
        if num is not None:
            return wval(num, "numId") not in ("0", None) or num.find("w:ilvl", NS) is not None
        for style in self.style_chain(self.paragraph_style(paragraph)):
            if style.ppr is not None and style.ppr.find("w:numPr", NS) is not None:
                return True
        return False

    def run_property(self, run, paragraph, name: str):
        """The first w:`name` element that applies to `run`: direct, character style, paragraph style, defaults."""
        rpr = run.find("w:rPr", NS)
        if rpr is not None and rpr.find(f"w:{name}", NS) is not None:
            return rpr.find(f"w:{name}", NS)
        sources = []
        if rpr is not None:
            sources += [s.rpr for s in self.style_chain(wval(rpr, "rStyle"))]
        sources += [s.rpr for s in self.style_chain(self.paragraph_style(paragraph))]
        sources.append(self.default_rpr)
        for source in sources:
            if source is not None and source.find(f"w:{name}", NS) is not None:
                return source.find(f"w:{name}", NS)
        return None


def read_docx(data: bytes, name: str) -> DocxPackage:
    try:
        archive = zipfile.ZipFile(BytesIO(data))
    except zipfile.BadZipFile:
        raise ReportgenError(f"{name}: is not a Word document (.docx): it is not a valid zip file") from None
    with archive:
        document = _part(archive, "word/document.xml", name, required=True)
        package = DocxPackage(document)
        styles = _part(archive, "word/styles.xml", name)
        if styles is not None:
            _read_styles(package, styles)
        rels = _part(archive, "word/_rels/document.xml.rels", name)
        if rels is not None:
            package.relationships = relationships(rels, "word")
        package.core = _part(archive, "docProps/core.xml", name)
        package.settings = _part(archive, "word/settings.xml", name)
    return package


def _part(archive: zipfile.ZipFile, part: str, name: str, required: bool = False):
    try:
        root = read_xml_part(archive, part, max_bytes=_MAX_PART)
    except PartTooLarge as exc:
        raise ReportgenError(f"{name}: {part} is too large to check ({exc.size // 1_000_000} MB)") from None
    except (etree.XMLSyntaxError, zipfile.BadZipFile, OSError) as exc:
        raise ReportgenError(f"{name}: {part} cannot be read ({first_line(exc)})") from None
    if root is None and required:
        raise ReportgenError(f"{name}: is not a Word document (.docx): it has no {part}")
    return root


def _read_styles(package: DocxPackage, styles) -> None:
    defaults = styles.find("w:docDefaults/w:rPrDefault/w:rPr", NS)
    package.default_rpr = defaults
    for style in styles.findall("w:style", NS):
        style_id = style.get(qn("w:styleId"), "")
        package.styles[style_id] = Style(
            id=style_id,
            name=wval(style, "name") or style_id,
            type=style.get(qn("w:type"), ""),
            based_on=wval(style, "basedOn"),
            ppr=style.find("w:pPr", NS),
            rpr=style.find("w:rPr", NS),
        )


def paragraph_text(paragraph) -> str:
    parts = []
    for node in paragraph.iter(qn("w:t"), qn("w:tab"), qn("w:br"), qn("w:cr")):
        if node.tag == qn("w:t"):
            parts.append(node.text or "")
        elif node.tag in (qn("w:tab"),):
            parts.append("\t")
        elif node.tag in (qn("w:br"), qn("w:cr")):
            parts.append("\n")
    return "".join(parts)
