"""Writes templates/reference.docx, the house styles document every DOCX edition is built on.

The DOCX renderer takes its styles, numbering, page set-up and theme from this file and
ignores its body, so the house style can be restyled in Word (as pandoc users do with a
reference.docx): open it, change a style, save. Re-running this script restores the
project's own style. The output is byte-identical on every run, so the committed copy is
checked against the script by the test suite.

    .venv/bin/python scripts/make_reference_docx.py [OUTPUT]
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from docx import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from lxml import etree

from reportgen.ooxml.namespaces import qn
from reportgen.ooxml.parser import parse
from reportgen.writers.docx.package import document_bytes

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUTPUT = ROOT / "templates" / "reference.docx"

FONT = "Lato"
LANGUAGE = "en-GB"
# Colours are checked for text contrast (>= 4.5:1 on white) in tests/writers/test_render_docx.py.
HEADING = "1F3A5F"  # navy, 11.6:1 on white; python-docx's default heading blue fails
LINK = "1D70B8"  # the GOV.UK link blue, 5.2:1
DRAFT = "A50021"  # dark red, 7.5:1
HEADER = "4A4F55"  # the running header's grey, 8.4:1
RULE = "6B7785"  # table borders: 4.6:1, above the 3:1 non-text contrast minimum
HEADER_FILL = "E6ECF2"  # header-row shading behind black text
# A4 with 2 cm margins; the header and footer sit 1 cm from the edge.
PAGE_WIDTH, PAGE_HEIGHT, MARGIN, EDGE = 11906, 16838, 1134, 567
TEXT_WIDTH = PAGE_WIDTH - 2 * MARGIN
MOMENT = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)  # fixed, so the file is reproducible
BULLET_NUM_ID = 1
BULLETS = ("\u2022", "\u25e6", "\u25aa")  # •, ◦, ▪: all three are in Lato


def _style(
    kind: str,
    style_id: str,
    name: str,
    *,
    based: str | None = "Normal",
    follow: str | None = None,
    ppr: str = "",
    rpr: str = "",
    extra: str = "",
    priority: int | None = None,
    quick: bool = True,
    default: bool = False,
) -> str:
    parts = [
        f'<w:style {nsdecls("w")} w:type="{kind}" w:styleId="{style_id}"' + (' w:default="1"' if default else "") + ">",
        f'<w:name w:val="{name}"/>',
    ]
    if based:
        parts.append(f'<w:basedOn w:val="{based}"/>')
    if follow:
        parts.append(f'<w:next w:val="{follow}"/>')
    if priority is not None:
        parts.append(f'<w:uiPriority w:val="{priority}"/>')
    if quick:
        parts.append("<w:qFormat/>")
    if ppr:
        parts.append(f"<w:pPr>{ppr}</w:pPr>")
    if rpr:
        parts.append(f"<w:rPr>{rpr}</w:rPr>")
    parts.append(extra)
    parts.append("</w:style>")
    return "".join(parts)


def _size(points: float) -> str:
    half = int(points * 2)
    return f'<w:sz w:val="{half}"/><w:szCs w:val="{half}"/>'


def _colour(hex_value: str) -> str:
    return f'<w:color w:val="{hex_value}"/>'


def _heading(level: int, points: float, before: int, after: int) -> str:
    return _style(
        "paragraph",
        f"Heading{level}",
        f"heading {level}",
        follow="Normal",
        priority=9,
        ppr=f'<w:keepNext/><w:keepLines/><w:spacing w:before="{before}" w:after="{after}"/>'
        f'<w:outlineLvl w:val="{level - 1}"/>',
        rpr=f"<w:b/><w:bCs/>{_colour(HEADING)}{_size(points)}",
    )


def _toc(level: int) -> str:
    indent = (level - 1) * 440
    return _style(
        "paragraph",
        f"TOC{level}",
        f"toc {level}",
        follow="Normal",
        priority=39,
        quick=False,
        ppr=f'<w:tabs><w:tab w:val="right" w:leader="dot" w:pos="{TEXT_WIDTH}"/></w:tabs>'
        f'<w:spacing w:after="100"/><w:ind w:left="{indent}"/>',
    )


def _bullet_style(level: int) -> str:
    style_id = "ListBullet" if level == 0 else f"ListBullet{level + 1}"
    name = "List Bullet" if level == 0 else f"List Bullet {level + 1}"
    return _style(
        "paragraph",
        style_id,
        name,
        priority=99,
        quick=False,
        ppr=f'<w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="{BULLET_NUM_ID}"/></w:numPr><w:spacing w:after="80"/>',
    )


def house_styles() -> list[str]:
    """Every style the renderer uses, by Word's own built-in names where Word has one."""
    page_tabs = (
        f'<w:tabs><w:tab w:val="center" w:pos="{TEXT_WIDTH // 2}"/><w:tab w:val="right" w:pos="{TEXT_WIDTH}"/></w:tabs>'
    )
    return [
        _style("paragraph", "Normal", "Normal", based=None, default=True),
        _style(
            "character",
            "DefaultParagraphFont",
            "Default Paragraph Font",
            based=None,
            priority=1,
            quick=False,
            default=True,
        ),
        _style(
            "table",
            "TableNormal",
            "Normal Table",
            based=None,
            priority=99,
            quick=False,
            default=True,
            extra='<w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/>'
            '<w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/>'
            '<w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr>',
        ),
        _style("numbering", "NoList", "No List", based=None, priority=99, quick=False, default=True),
        _style(
            "paragraph",
            "Title",
            "Title",
            follow="Subtitle",
            priority=10,
            ppr='<w:spacing w:before="2880" w:after="360" w:line="240" w:lineRule="auto"/>',
            rpr=f"<w:b/><w:bCs/>{_colour(HEADING)}{_size(30)}",
        ),
        _style(
            "paragraph",
            "Subtitle",
            "Subtitle",
            follow="Normal",
            priority=11,
            ppr='<w:spacing w:after="720"/>',
            rpr=f"{_colour(HEADING)}{_size(20)}",
        ),
        _style(
            "paragraph",
            "CoverDetail",
            "Cover Detail",
            follow="CoverDetail",
            ppr='<w:spacing w:after="160"/>',
            rpr=_size(14),
        ),
        _heading(1, 20, 360, 200),
        _heading(2, 16, 300, 140),
        _heading(3, 13, 240, 100),
        _style(
            "paragraph",
            "TOCHeading",
            "TOC Heading",
            based="Heading1",
            follow="Normal",
            priority=39,
            ppr='<w:outlineLvl w:val="9"/>',
        ),
        _toc(1),
        _toc(2),
        _toc(3),
        _style(
            "paragraph",
            "Caption",
            "caption",
            follow="Normal",
            priority=35,
            ppr='<w:keepNext/><w:spacing w:before="120" w:after="200"/>',
            rpr="<w:b/><w:bCs/>",
        ),
        # The running header is small and grey, as in the PDF, so the title and the draft marking share a line.
        _style(
            "paragraph",
            "Header",
            "header",
            priority=99,
            quick=False,
            ppr=page_tabs + '<w:spacing w:after="0" w:line="240" w:lineRule="auto"/>',
            rpr=f"{_colour(HEADER)}{_size(8.5)}",
        ),
        _style(
            "paragraph",
            "Footer",
            "footer",
            priority=99,
            quick=False,
            ppr=page_tabs + '<w:spacing w:after="0" w:line="240" w:lineRule="auto"/><w:jc w:val="right"/>',
        ),
        _style(
            "paragraph",
            "DraftMarking",
            "Draft Marking",
            based="Header",
            ppr='<w:jc w:val="right"/>',
            rpr=f"<w:b/><w:bCs/>{_colour(DRAFT)}{_size(12)}",
        ),
        _bullet_style(0),
        _bullet_style(1),
        _bullet_style(2),
        _style(
            "character",
            "Hyperlink",
            "Hyperlink",
            based="DefaultParagraphFont",
            priority=99,
            quick=False,
            rpr=f'{_colour(LINK)}<w:u w:val="single"/>',
        ),
        _style(
            "paragraph",
            "TableText",
            "Table Text",
            ppr='<w:spacing w:before="60" w:after="60" w:line="264" w:lineRule="auto"/>',
        ),
        _style(
            "paragraph", "TableHeading", "Table Heading", based="TableText", ppr="<w:keepNext/>", rpr="<w:b/><w:bCs/>"
        ),
        _style(
            "table",
            "ReportTable",
            "Report Table",
            based="TableNormal",
            priority=59,
            extra=(
                '<w:pPr><w:spacing w:after="0"/></w:pPr>'
                '<w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblBorders>'
                + "".join(
                    f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="{RULE}"/>'
                    for side in ("top", "left", "bottom", "right", "insideH", "insideV")
                )
                + '</w:tblBorders><w:tblCellMar><w:top w:w="57" w:type="dxa"/>'
                '<w:left w:w="113" w:type="dxa"/><w:bottom w:w="57" w:type="dxa"/>'
                '<w:right w:w="113" w:type="dxa"/></w:tblCellMar></w:tblPr>'
                '<w:tblStylePr w:type="firstRow"><w:rPr><w:b/><w:bCs/></w:rPr>'
                f'<w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="{HEADER_FILL}"/></w:tcPr>'
                "</w:tblStylePr>"
            ),
        ),
    ]


def _rewrite_styles(document) -> None:
    styles = document.styles.element
    for style in styles.findall(qn("w:style")):
        styles.remove(style)
    defaults = styles.find(qn("w:docDefaults"))
    # Lato for Latin text only: naming it for East Asian and complex scripts too (Chinese, Arabic,
    # Devanagari) stops Word and LibreOffice falling back to a font that has them; LibreOffice
    # then drops Devanagari altogether.
    styles.replace(
        defaults,
        parse_xml(
            f"<w:docDefaults {nsdecls('w')}><w:rPrDefault><w:rPr>"
            f'<w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}"/>'
            f'{_size(11)}<w:lang w:val="{LANGUAGE}" w:eastAsia="{LANGUAGE}" w:bidi="ar-SA"/>'
            "</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr>"
            '<w:spacing w:after="160" w:line="276" w:lineRule="auto"/>'
            "</w:pPr></w:pPrDefault></w:docDefaults>"
        ),
    )
    for xml in house_styles():
        styles.append(parse_xml(xml))


def _bullet_level(level: int) -> str:
    left = 360 * (level + 1)
    return (
        f'<w:lvl w:ilvl="{level}"><w:start w:val="1"/><w:numFmt w:val="bullet"/>'
        f'<w:lvlText w:val="{BULLETS[level]}"/><w:lvlJc w:val="left"/>'
        f'<w:pPr><w:ind w:left="{left}" w:hanging="360"/></w:pPr>'
        f'<w:rPr><w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:hint="default"/></w:rPr></w:lvl>'
    )


def _rewrite_numbering(document) -> None:
    numbering = document.part.numbering_part.element
    for child in list(numbering):
        numbering.remove(child)
    numbering.append(
        parse_xml(
            f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{BULLET_NUM_ID}">'
            '<w:nsid w:val="52475031"/><w:multiLevelType w:val="multilevel"/>'
            '<w:name w:val="Bullets"/>' + "".join(_bullet_level(level) for level in range(3)) + "</w:abstractNum>"
        )
    )
    numbering.append(
        parse_xml(f'<w:num {nsdecls("w")} w:numId="{BULLET_NUM_ID}"><w:abstractNumId w:val="{BULLET_NUM_ID}"/></w:num>')
    )


def _drop_unused_parts(document) -> None:
    """python-docx's default template carries a thumbnail, custom XML and Word 2010 extras nobody needs."""
    unwanted = {RT.CUSTOM_XML, RT.THUMBNAIL, "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"}
    for owner in (document.part, document.part.package):
        for rel_id, rel in list(owner.rels.items()):
            if rel.reltype in unwanted:
                del owner.rels[rel_id]


def _set_theme_fonts(document) -> None:
    """Word's theme fonts (used by anything not styled explicitly) become the house font too."""
    theme = next(rel.target_part for rel in document.part.rels.values() if rel.reltype == RT.THEME)
    root = parse(theme.blob)
    for latin in root.iter(qn("a:latin")):
        parent = latin.getparent()
        if parent is not None and parent.tag in (qn("a:majorFont"), qn("a:minorFont")):
            latin.set("typeface", FONT)
    theme._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _add_font_to_table(document) -> None:
    table = next(rel.target_part for rel in document.part.rels.values() if rel.reltype == RT.FONT_TABLE)
    root = parse(table.blob)
    if not any(font.get(qn("w:name")) == FONT for font in root.iter(qn("w:font"))):
        # family "swiss" tells Word to substitute a sans-serif where Lato is not installed.
        root.insert(
            0,
            etree.fromstring(
                f'<w:font {nsdecls("w")} w:name="{FONT}"><w:family w:val="swiss"/><w:pitch w:val="variable"/></w:font>'
            ),
        )
    table._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _clean_settings(document) -> None:
    settings = document.settings.element
    # Revision-session ids, a preview-picture request and a "spelling checked" claim
    # would be false for every generated document.
    for tag in ("w:rsids", "w:savePreviewPicture", "w:proofState"):
        for element in settings.findall(qn(tag)):
            settings.remove(element)
    # Word 2013+ layout rules; 14 (python-docx's) opens every document in "Compatibility Mode".
    for setting in settings.iter(qn("w:compatSetting")):
        if setting.get(qn("w:name")) == "compatibilityMode":
            setting.set(qn("w:val"), "15")
    lang = settings.find(qn("w:themeFontLang"))
    if lang is not None:
        lang.set(qn("w:val"), LANGUAGE)


def _set_app_properties(document) -> None:
    app = next(rel.target_part for rel in document.part.package.rels.values() if rel.reltype == RT.EXTENDED_PROPERTIES)
    app._blob = (
        b"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
        b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
        b'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
        b"<Application>reportgen</Application><DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop>"
        b"<LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc>"
        b"<HyperlinksChanged>false</HyperlinksChanged></Properties>"
    )


def _page_setup(document) -> None:
    sect_pr = document.sections[0]._sectPr
    for name in ("w:pgSz", "w:pgMar"):
        sect_pr.remove(sect_pr.find(qn(name)))
    for attribute in list(sect_pr.attrib):
        del sect_pr.attrib[attribute]  # revision-session ids
    sect_pr.insert(
        0,
        parse_xml(
            f'<w:pgMar {nsdecls("w")} w:top="{MARGIN}" w:right="{MARGIN}" w:bottom="{MARGIN}" '
            f'w:left="{MARGIN}" w:header="{EDGE}" w:footer="{EDGE}" w:gutter="0"/>'
        ),
    )
    sect_pr.insert(0, parse_xml(f'<w:pgSz {nsdecls("w")} w:w="{PAGE_WIDTH}" w:h="{PAGE_HEIGHT}"/>'))


def _sample_body(document) -> None:
    """A specimen of every style, so whoever restyles the file in Word sees what they change.

    The renderer discards the body; only the styles, numbering and page set-up are used.
    """
    document.add_paragraph("Title of the action plan", "Title")
    document.add_paragraph("Edition label, for example 2025/26 Quarter 2 Update", "Subtitle")
    document.add_paragraph("Cover Detail: monitoring period, publisher and publication date", "Cover Detail")
    document.add_paragraph("TOC Heading: Contents", "TOC Heading")
    for level in (1, 2, 3):
        document.add_paragraph(f"toc {level}: a contents entry at level {level}", f"toc {level}")
    document.add_paragraph("Heading 1: a chapter or a narrative section", "Heading 1")
    body = document.add_paragraph("Normal: body text in the house font at 11 point. A link looks like ")
    body.add_run("this (the Hyperlink character style)", "Hyperlink")
    body.add_run(".")
    for level, style in enumerate(("List Bullet", "List Bullet 2", "List Bullet 3")):
        document.add_paragraph(f"{style}: a bullet at level {level + 1}", style)
    document.add_paragraph("Heading 2: a section within a section", "Heading 2")
    document.add_paragraph("Heading 3: the deepest heading level a workbook can ask for", "Heading 3")
    table = document.add_table(rows=2, cols=3, style="Report Table")
    for column, text in enumerate(("Ref", "Commitment", "Update")):
        table.cell(0, column).paragraphs[0].text = text
        table.cell(0, column).paragraphs[0].style = "Table Heading"
    for column, text in enumerate(("1.1", "Table Text: a commitment", "Table Text: this period's update")):
        table.cell(1, column).paragraphs[0].text = text
        table.cell(1, column).paragraphs[0].style = "Table Text"
    document.add_paragraph("Caption: Figure 1: the title of a chart", "Caption")


def _core_properties(document) -> None:
    props = document.core_properties
    props.title = "reportgen house style"
    props.subject = "The styles every DOCX edition is built on"
    props.author = "reportgen"
    props.last_modified_by = "reportgen"
    props.keywords = ""
    props.comments = "Restyle in Word; the body is a specimen and is not used."
    props.language = LANGUAGE
    props.revision = 1
    props.created = props.modified = props.last_printed = MOMENT


def build_reference() -> bytes:
    document = Document()  # python-docx's own package: settings, font table, theme and web settings
    _drop_unused_parts(document)
    _rewrite_styles(document)
    _rewrite_numbering(document)
    _set_theme_fonts(document)
    _add_font_to_table(document)
    _clean_settings(document)
    _set_app_properties(document)
    _page_setup(document)
    _sample_body(document)
    _core_properties(document)
    return document_bytes(document, MOMENT)


def main(argv: list[str]) -> int:
    target = Path(argv[1]) if len(argv) > 1 else DEFAULT_OUTPUT
    data = build_reference()
    temporary = target.with_name(target.name + ".tmp")
    temporary.write_bytes(data)
    temporary.replace(target)
    print(f"wrote {target} ({len(data):,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
